package dev.rookery.functions.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.S3ObjectReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point of the monitoring state machine's publish step. Input
 * {@code {"metricsUri": "s3://.../cloudwatch_metrics.json"}}; output {@code {"published": n}}.
 */
public final class PublishMetricsHandler implements RequestStreamHandler {
  /** Namespace when neither the file nor {@code METRICS_NAMESPACE} names one (Model Monitor's). */
  public static final String DEFAULT_NAMESPACE = "aws/sagemaker/Endpoints/data-metrics";

  private final PublishMetricsService service;

  /** Lambda runtime constructor: reads the environment and builds the SDK clients once. */
  public PublishMetricsHandler() {
    this(new Environment(System.getenv()));
  }

  private PublishMetricsHandler(Environment env) {
    this(env, new AwsClients(env));
  }

  private PublishMetricsHandler(Environment env, AwsClients clients) {
    this(new PublishMetricsService(env.optional("METRICS_NAMESPACE", DEFAULT_NAMESPACE),
        new S3ObjectReader(clients.build(S3Client.builder())),
        new CloudWatchMetricsPublisher(clients.build(CloudWatchClient.builder()))));
  }

  /** @param service the service, with its collaborators */
  public PublishMetricsHandler(PublishMetricsService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    int published = service.publish(Json.text(Json.read(input), "metricsUri", "metricsUri"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("published", published);
    Json.write(output, out);
  }
}
