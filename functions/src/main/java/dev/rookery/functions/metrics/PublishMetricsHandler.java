package dev.rookery.functions.metrics;

import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.S3ObjectReader;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point of the monitoring state machine's publish step. Input
 * {@code {"metricsUri": "s3://.../cloudwatch_metrics.json"}}; output {@code {"published": n}}.
 * A monitoring run belongs to no upload, so its lines carry no correlation id. Metric:
 * {@code MonitoringReportsPublished}.
 */
public final class PublishMetricsHandler extends JsonHandler<PublishMetricsService> {
  /** Namespace when neither the file nor {@code METRICS_NAMESPACE} names one (Model Monitor's). */
  public static final String DEFAULT_NAMESPACE = "aws/sagemaker/Endpoints/data-metrics";

  public PublishMetricsHandler() {
    super(PublishMetricsHandler::wire, PublishMetricsHandler::handle);
  }

  private static PublishMetricsService wire(Environment env, AwsClients aws) {
    return new PublishMetricsService(env.optional("METRICS_NAMESPACE", DEFAULT_NAMESPACE),
        new S3ObjectReader(aws.build(S3Client.builder())),
        new CloudWatchMetricsPublisher(aws.build(CloudWatchClient.builder())));
  }

  public static Map<String, ?> handle(PublishMetricsService service, Map<String, Object> event,
      Invocation invocation) {
    int published = service.publish(Json.text(event, "metricsUri", "metricsUri"));
    invocation.count("MonitoringReportsPublished");
    return result("published", published);
  }
}
