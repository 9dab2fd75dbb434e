package dev.rookery.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.S3ObjectReader;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Publish metrics through real S3 and CloudWatch (query protocol) clients against a local endpoint. */
class PublishMetricsHandlerTest {
  static final String PUT_OK = "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
      + "<ResponseMetadata><RequestId>e2f1a0b3-0000-4000-8000-000000000000</RequestId></ResponseMetadata>"
      + "</PutMetricDataResponse>";

  @RegisterExtension
  final FakeAwsServer aws = new FakeAwsServer();

  @Test
  void handleRequest_monitorGoldenFile_sendsPutMetricDataOnTheWire() {
    // given: the monitor's own golden cloudwatch_metrics.json (training-container/src/test/resources/monitor)
    byte[] file = Fixtures.bytes("monitor/cloudwatch_metrics.json");
    aws.on("GET /rookery-monitoring/dev/out/cloudwatch_metrics.json", Response.bytes(206,
        Map.of("Content-Type", "application/json", "Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length),
        file));
    aws.on("PutMetricData", Response.xml(200, PUT_OK));
    JsonHandler<PublishMetricsService> handler = JsonHandler.serving(new PublishMetricsService("unused",
        new S3ObjectReader(aws.client(S3Client.builder().forcePathStyle(true))),
        new CloudWatchMetricsPublisher(aws.client(CloudWatchClient.builder()))), PublishMetricsHandler::handle);

    // when
    JsonNode out = Fixtures.invoke(handler,
        Fixtures.json("{\"metricsUri\":\"s3://rookery-monitoring/dev/out/cloudwatch_metrics.json\"}"));

    // then: one PutMetricData (query protocol form) with all 15 data, as the monitor wrote them
    assertThat(out.get("published").asInt()).isEqualTo(15);
    Map<String, String> form = aws.only("PutMetricData").form();
    assertThat(form).containsEntry("Action", "PutMetricData")
        .containsEntry("Namespace", "Rookery/Monitoring")
        .containsEntry("MetricData.member.1.MetricName", "feature_baseline_drift_island")
        .containsEntry("MetricData.member.3.MetricName", "feature_baseline_drift_bill_depth_mm")
        .containsEntry("MetricData.member.3.Timestamp", "2024-05-01T11:00:00Z")
        .containsEntry("MetricData.member.3.Dimensions.member.1.Name", "Endpoint")
        .containsEntry("MetricData.member.3.Dimensions.member.1.Value", "penguins-endpoint")
        .containsEntry("MetricData.member.3.Dimensions.member.2.Name", "MonitoringSchedule")
        .containsEntry("MetricData.member.3.Dimensions.member.2.Value", "penguins-hourly")
        .containsEntry("MetricData.member.3.Value", "0.5425372808039017")
        .containsEntry("MetricData.member.3.Unit", "None")
        .containsEntry("MetricData.member.13.MetricName", "feature_non_null_sex")
        .containsEntry("MetricData.member.13.Value", "0.9607843137254902")
        .containsEntry("MetricData.member.15.MetricName", "constraint_violations")
        .containsEntry("MetricData.member.15.Value", "2.0")
        .containsEntry("MetricData.member.15.Unit", "Count");
    assertThat(form).doesNotContainKey("MetricData.member.16.MetricName")
        .doesNotContainKey("MetricData.member.3.StatisticValues.SampleCount");
  }
}
