import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A canned AWS endpoint on 127.0.0.1 for the functions benchmark: answers every call the seven
 * handlers make (SageMaker and Step Functions JSON, SNS and CloudWatch query XML, S3 GetObject and PutObject) so a
 * handler's first invocation completes. JDK only; writes its port to the file named by args[0].
 */
public final class BenchEndpoint {
  static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/3";
  static final byte[] CSV = "species,island,bill_length_mm\nAdelie,Torgersen,39.1\n".getBytes(StandardCharsets.UTF_8);
  static final byte[] METRICS = ("{\"namespace\":\"aws/sagemaker/Endpoints/data-metrics\",\"metrics\":[{\"MetricName\":"
      + "\"feature_baseline_drift_bill_length_mm\",\"Timestamp\":\"2026-11-26T05:00:00Z\",\"Dimensions\":[{\"Name\":"
      + "\"Endpoint\",\"Value\":\"rookery-dev\"}],\"Value\":0.42,\"Unit\":\"None\"}]}").getBytes(StandardCharsets.UTF_8);

  static byte[] runDraft;

  /** @param args the file to write the port to; the run record served for {@code run.json} */
  public static void main(String[] args) throws IOException {
    runDraft = Files.readAllBytes(Path.of(args[1]));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", BenchEndpoint::handle);
    server.start();
    Files.writeString(Path.of(args[0]), Integer.toString(server.getAddress().getPort()));
  }

  static void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
    String path = ex.getRequestURI().getPath();
    if (target != null) {
      String op = target.substring(target.indexOf('.') + 1);
      String json = switch (op) {
        case "DescribeModelPackage" -> "{\"ModelPackageArn\":\"" + ARN + "\",\"ModelApprovalStatus\":\"Approved\"}";
        case "DescribeEndpoint", "DescribeModel", "DescribeEndpointConfig" -> null;
        case "DescribeModelPackageGroup" -> "{\"ModelPackageGroupName\":\"rookery-dev\"}";
        case "CreateModelPackage" -> "{\"ModelPackageArn\":\"" + ARN + "\"}";
        case "DescribeExecution" -> "{\"executionArn\":\"arn:aws:states:us-east-2:111122223333:execution:"
            + "rookery-dev-pipeline:rk\",\"stateMachineArn\":\"arn:aws:states:us-east-2:111122223333:stateMachine:"
            + "rookery-dev-pipeline\",\"name\":\"rk\",\"status\":\"FAILED\",\"startDate\":1.7E9,"
            + "\"error\":\"States.Runtime\",\"cause\":\"bench\"}";
        case "ListExecutions" -> "{\"executions\":[]}";
        case "StartExecution" -> "{\"executionArn\":\"arn:aws:states:us-east-1:111122223333:execution:sm:rk\","
            + "\"startDate\":1.7E9}";
        default -> "{}";
      };
      if (json == null) {
        send(ex, 400, "application/x-amz-json-1.1",
            "{\"__type\":\"ValidationException\",\"message\":\"Could not find " + op + "\"}");
      } else {
        send(ex, 200, target.startsWith("AWSStepFunctions") ? "application/x-amz-json-1.0"
            : "application/x-amz-json-1.1", json);
      }
    } else if (body.contains("Action=Publish")) {
      send(ex, 200, "text/xml", "<PublishResponse><PublishResult><MessageId>m</MessageId></PublishResult>"
          + "</PublishResponse>");
    } else if (body.contains("Action=PutMetricData")) {
      send(ex, 200, "text/xml", "<PutMetricDataResponse><ResponseMetadata><RequestId>r</RequestId>"
          + "</ResponseMetadata></PutMetricDataResponse>");
    } else if (ex.getRequestMethod().equals("PUT")) {
      // the register step writes the completed run record back
      ex.getResponseHeaders().add("ETag", "\"bench\"");
      send(ex, 200, "text/plain", "");
    } else if (ex.getRequestMethod().equals("HEAD")) {
      // the retrain function's HeadObject of the newest upload: its version id
      ex.getResponseHeaders().add("ETag", "\"b1946ac92492d2347c6235b4d2611184\"");
      ex.getResponseHeaders().add("x-amz-version-id", "v1");
      ex.getResponseHeaders().add("Content-Length", Integer.toString(CSV.length));
      ex.getResponseHeaders().add("Last-Modified", "Thu, 26 Nov 2026 05:00:00 GMT");
      ex.sendResponseHeaders(200, -1);
      ex.close();
    } else if ("list-type=2".equals(firstQueryPart(ex))) {
      // the retrain function's ListObjectsV2 of the uploads
      send(ex, 200, "application/xml", "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
          + "<Name>rookery-data</Name><Prefix>incoming/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>"
          + "<IsTruncated>false</IsTruncated><Contents><Key>incoming/penguins.csv</Key>"
          + "<LastModified>2026-11-26T05:00:00.000Z</LastModified><ETag>\"b1946ac92492d2347c6235b4d2611184\"</ETag>"
          + "<Size>" + CSV.length + "</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>");
    } else if (ex.getRequestMethod().equals("GET")) {
      byte[] bytes = path.endsWith(".csv") ? CSV : path.endsWith("run.json") ? runDraft : METRICS;
      ex.getResponseHeaders().add("Content-Range", "bytes 0-" + (bytes.length - 1) + "/" + bytes.length);
      ex.getResponseHeaders().add("Content-Type", path.endsWith(".csv") ? "text/csv" : "application/json");
      ex.sendResponseHeaders(206, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } else {
      send(ex, 400, "text/plain", "unexpected request " + ex.getRequestMethod() + " " + path);
    }
  }

  static String firstQueryPart(HttpExchange ex) {
    String query = ex.getRequestURI().getRawQuery();
    return query == null ? "" : query.split("&")[0];
  }

  static void send(HttpExchange ex, int status, String type, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
