package dev.rookery.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.S3ObjectReader;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Publish metrics through real S3 and CloudWatch (query protocol) clients against a local endpoint. */
class PublishMetricsHandlerTest {
  static final String PUT_OK = "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
      + "<ResponseMetadata><RequestId>e2f1a0b3-0000-4000-8000-000000000000</RequestId></ResponseMetadata>"
      + "</PutMetricDataResponse>";

  final FakeAwsServer aws = new FakeAwsServer();

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void handleRequest_metricsFile_readsS3AndSendsPutMetricData() {
    // given
    byte[] file = Fixtures.bytes("data/cloudwatch_metrics.json");
    aws.on("GET /rookery-monitoring/dev/out/cloudwatch_metrics.json", Response.bytes(206,
        Map.of("Content-Type", "application/json", "Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length),
        file));
    aws.on("PutMetricData", Response.xml(200, PUT_OK));
    PublishMetricsHandler handler = new PublishMetricsHandler(new PublishMetricsService("unused",
        new S3ObjectReader(aws.client(S3Client.builder().forcePathStyle(true))),
        new CloudWatchMetricsPublisher(aws.client(CloudWatchClient.builder()))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    handler.handleRequest(Fixtures.json("{\"metricsUri\":\"s3://rookery-monitoring/dev/out/cloudwatch_metrics.json\"}"),
        out, null);

    // then
    assertThat(Fixtures.tree(out.toString(StandardCharsets.UTF_8)).get("published").asInt()).isEqualTo(3);
    Map<String, String> form = aws.only("PutMetricData").form();
    assertThat(form).containsEntry("Namespace", "aws/sagemaker/Endpoints/data-metrics")
        .containsEntry("MetricData.member.1.MetricName", "feature_baseline_drift_bill_length_mm")
        .containsEntry("MetricData.member.1.Timestamp", "2026-11-26T05:00:00Z")
        .containsEntry("MetricData.member.1.Dimensions.member.1.Name", "Endpoint")
        .containsEntry("MetricData.member.1.Dimensions.member.1.Value", "rookery-dev")
        .containsEntry("MetricData.member.1.Dimensions.member.2.Name", "MonitoringSchedule")
        .containsEntry("MetricData.member.1.Value", "0.4213")
        .containsEntry("MetricData.member.1.Unit", "None")
        .containsEntry("MetricData.member.3.StatisticValues.SampleCount", "120.0")
        .containsEntry("MetricData.member.3.StatisticValues.Maximum", "59.6");
    assertThat(form).doesNotContainKey("MetricData.member.3.Value");
  }
}
