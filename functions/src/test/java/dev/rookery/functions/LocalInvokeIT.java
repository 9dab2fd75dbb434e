package dev.rookery.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.testutils.SageMakerAnswers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped artifact: each handler run from {@code target/rookery-functions.jar} in a fresh JVM,
 * through its real no-arg constructor (environment, SDK clients, {@code AWS_ENDPOINT_URL}) against
 * a recording endpoint on 127.0.0.1. Catches what unit tests on the class path cannot: missing or
 * pruned classes in the shaded jar, service files, the SLF4J binding.
 */
class LocalInvokeIT {
  static final Path JAR = Path.of("target", "rookery-functions.jar");
  static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/3";

  static FakeAwsServer aws;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    aws = new FakeAwsServer();
    byte[] csv = ("species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n"
        + "Adelie,Torgersen,39.1,18.7,181,3750,male,2007\n").getBytes(StandardCharsets.UTF_8);
    aws.on("GET /rookery-data-111122223333/incoming/penguins.csv", Response.bytes(206,
        Map.of("Content-Type", "text/csv", "Content-Range", "bytes 0-" + (csv.length - 1) + "/" + csv.length), csv));
    byte[] metrics = Fixtures.bytes("monitor/cloudwatch_metrics.json");
    aws.on("GET /rookery-monitoring/out/cloudwatch_metrics.json", Response.bytes(206, Map.of("Content-Type",
        "application/json", "Content-Range", "bytes 0-" + (metrics.length - 1) + "/" + metrics.length), metrics));
    aws.on("StartExecution", Response.json10(200, "{\"executionArn\":\"arn:aws:states:us-east-1:111122223333:"
        + "execution:sm:rk-1\",\"startDate\":1.7E9}"));
    aws.on("PutMetricData", Response.xml(200, "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/"
        + "2010-08-01/\"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PutMetricDataResponse>"));
    String runJson = "/rookery-artifacts-111122223333/runs/rk-2b7e0c1f9a4d3e5f6a7b8c9d/run.json";
    aws.on("GET " + runJson, Response.bytes(200, Map.of("Content-Type", "application/json"),
        Fixtures.bytes("events/run-draft.json")));
    aws.on("PUT " + runJson, Response.bytes(200, Map.of("ETag", "\"e\""), new byte[0]));
    SageMakerAnswers.firstRegistrationAndDeployment(aws, ARN);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  JsonNode run(String handler, byte[] event, Map<String, String> env) throws IOException, InterruptedException {
    Path eventFile = Files.write(tmp.resolve("event.json"), event);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
        JAR.toString(), LocalInvoke.class.getName(), handler, eventFile.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(tmp.resolve("stderr.txt").toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("AWS_"));
    environment.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY", "secret", "AWS_ENDPOINT_URL", aws.endpoint().toString()));
    environment.putAll(env);
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(tmp.resolve("stderr.txt"));
    assertThat(process.exitValue()).as("exit code; stderr:\n" + stderr).isZero();
    // log4j2's status logger reports a broken configuration as "<thread> ERROR ..." on stderr
    assertThat(stderr).doesNotContain("SLF4J").doesNotContain(" ERROR ");
    // Powertools' JSON log lines and the EMF document come first, the handler's result last:
    // every line is one JSON object (a log4j2 plugin missing from the shaded jar would break that).
    String[] lines = stdout.trim().split("\n");
    for (String line : lines) {
      assertThat(Fixtures.tree(line).isObject()).as(line).isTrue();
    }
    lastRunLines = List.of(lines);
    return Fixtures.tree(lines[lines.length - 1]);
  }

  /** stdout of the last {@link #run}, one JSON object per line. */
  List<String> lastRunLines = List.of();

  /** @return the last run's EMF documents */
  List<JsonNode> emf() {
    return lastRunLines.stream().map(Fixtures::tree)
        .filter(l -> l.path("_aws").has("CloudWatchMetrics")).toList();
  }

  @Test
  void jar_shaded_atMost20MbWithoutNettyOrApacheClient() throws IOException {
    // when
    long size = Files.size(JAR);
    List<String> names;
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(JAR.toFile())) {
      names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
    }

    // then
    assertThat(size).isLessThanOrEqualTo(20L * 1024 * 1024);
    assertThat(names).noneMatch(n -> n.startsWith("io/netty/") || n.startsWith("org/apache/http/")
        || n.startsWith("software/amazon/awssdk/http/nio/netty/") || n.startsWith("software/amazon/awssdk/http/apache/")
        || n.startsWith("io/burt/jmespath/") || n.startsWith("org/joda/time/"));
    assertThat(names).contains("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
        "org/apache/logging/log4j/layout/template/json/resolver/PowertoolsResolverFactory.class",
        "LambdaJsonLayout.json", "log4j2.xml");
  }

  @Test
  void main_triggerHandlerFromJar_startsExecution() throws Exception {
    // when
    JsonNode out = run("dev.rookery.functions.trigger.TriggerHandler", Fixtures.bytes("events/s3-object-created.json"),
        Map.of("STATE_MACHINE_ARN", "arn:aws:states:us-east-1:111122223333:stateMachine:sm",
            "NOTIFICATION_TOPIC_ARN", "arn:aws:sns:us-east-1:111122223333:t",
            "PIPELINE_SETTINGS", Fixtures.text("pipeline.json"), "POWERTOOLS_METRICS_NAMESPACE", "RookeryIT"));

    // then
    assertThat(out.get("started").asBoolean()).isTrue();
    // the shipped jar logs JSON with the correlation id and writes the EMF document to stdout
    assertThat(lastRunLines.stream().map(Fixtures::tree).filter(l -> l.has("level")))
        .isNotEmpty().allSatisfy(l -> assertThat(l.get("correlation_id").asText()).startsWith("rk-"));
    assertThat(emf()).singleElement().satisfies(doc -> {
      assertThat(doc.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("RookeryIT");
      assertThat(doc.get("RunsStarted").asDouble()).isEqualTo(1.0);
      assertThat(doc.get("UploadsAccepted").asDouble()).isEqualTo(1.0);
    });
  }

  @Test
  void main_registerHandlerFromJar_registersPackage() throws Exception {
    // when
    JsonNode out = run("dev.rookery.functions.register.RegisterHandler", Fixtures.bytes("events/register-input.json"),
        Map.of("MODEL_PACKAGE_GROUP_NAME", "rookery-dev", "IMAGE_URI", "img:1", "APPROVAL_STATUS", "Approved",
            "INFERENCE_INSTANCE_TYPES", "ml.m5.large"));

    // then
    assertThat(out.get("modelPackageVersion").asInt()).isEqualTo(3);
  }

  @Test
  void main_deployHandlerFromJar_createsEndpoint() throws Exception {
    // given
    Map<String, String> env = new HashMap<>(Map.of("ENDPOINT_NAME", "rookery-dev", "SAGEMAKER_ROLE_ARN", "arn:role",
        "CAPTURE_S3_URI", "s3://capture/dev", "CAPTURE_PERCENT", "10"));

    // when
    JsonNode out = run("dev.rookery.functions.deploy.DeployHandler",
        ("{\"modelPackageArn\":\"" + ARN + "\"}").getBytes(StandardCharsets.UTF_8), env);

    // then
    assertThat(out.get("action").asText()).isEqualTo("CREATE");
  }

  @Test
  void main_approvalHandlerFromJar_startsDeploy() throws Exception {
    // when
    JsonNode out = run("dev.rookery.functions.approval.DeployOnApprovalHandler",
        Fixtures.bytes("events/model-package-approved.json"),
        Map.of("MODEL_PACKAGE_GROUP_NAME", "rookery-dev", "ENDPOINT_NAME", "rookery-dev",
            "DEPLOY_STATE_MACHINE_ARN", "arn:aws:states:us-east-1:111122223333:stateMachine:deploy"));

    // then
    assertThat(out.get("started").asBoolean()).isTrue();
  }

  @Test
  void main_triggerHandlerFromJar_uploadOverFiveGibCopiedInParts() throws Exception {
    // given: the same header, in an upload of 6 GiB
    String target = "/rookery-artifacts/runs/" + dev.rookery.functions.common.Names.pipelineExecution(
        "rookery-data-111122223333", "incoming/penguins.csv", "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e") + "/input/dataset.csv";
    aws.on("POST " + target, Response.xml(200, "<InitiateMultipartUploadResult><UploadId>u1</UploadId>"
        + "</InitiateMultipartUploadResult>"), Response.xml(200, "<CompleteMultipartUploadResult><ETag>\"e-13\"</ETag>"
        + "</CompleteMultipartUploadResult>"));
    aws.on("PUT " + target, Response.xml(200, "<CopyPartResult><ETag>\"p\"</ETag></CopyPartResult>"));
    byte[] event = Fixtures.text("events/s3-object-created.json").replace("\"size\": 13478", "\"size\": 6442450944")
        .getBytes(StandardCharsets.UTF_8);

    // when
    JsonNode out = run("dev.rookery.functions.trigger.TriggerHandler", event,
        Map.of("STATE_MACHINE_ARN", "arn:aws:states:us-east-1:111122223333:stateMachine:sm",
            "NOTIFICATION_TOPIC_ARN", "arn:aws:sns:us-east-1:111122223333:t",
            "PIPELINE_SETTINGS", Fixtures.text("pipeline.json"), "ARTIFACTS_BUCKET", "rookery-artifacts"));

    // then
    assertThat(out.get("started").asBoolean()).isTrue();
    assertThat(aws.operations().stream().filter(o -> o.equals("PUT " + target)).count()).isEqualTo(12);
  }

  @Test
  void main_failureHandlerFromJar_describesExecutionAndPublishes() throws Exception {
    // given
    aws.on("DescribeExecution", Response.json10(200, "{\"executionArn\":\"arn:aws:states:us-east-2:111122223333:"
        + "execution:rookery-dev-pipeline:rk-0123456789abcdef01234567\",\"stateMachineArn\":\"arn:sm\","
        + "\"status\":\"FAILED\",\"startDate\":1.7E9,\"error\":\"States.Runtime\",\"cause\":\"bad path\"}"));
    aws.on("Publish", Response.xml(200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
        + "<PublishResult><MessageId>m</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId>"
        + "</ResponseMetadata></PublishResponse>"));

    // when
    JsonNode out = run("dev.rookery.functions.failure.ExecutionFailureHandler",
        Fixtures.bytes("events/sfn-execution-failed.json"),
        Map.of("NOTIFICATION_TOPIC_ARN", "arn:aws:sns:us-east-1:111122223333:t"));

    // then
    assertThat(out.get("notified").asBoolean()).isTrue();
  }

  @Test
  void main_publishMetricsHandlerFromJar_publishes() throws Exception {
    // when
    JsonNode out = run("dev.rookery.functions.metrics.PublishMetricsHandler",
        "{\"metricsUri\":\"s3://rookery-monitoring/out/cloudwatch_metrics.json\"}".getBytes(StandardCharsets.UTF_8),
        Map.of());

    // then
    assertThat(out.get("published").asInt()).isEqualTo(15);
  }
}
