package dev.rookery.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.exceptions.InvalidMetricsFileException;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.testutils.InMemoryMetricsPublisher;
import dev.rookery.functions.testutils.InMemoryObjectReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublishMetricsServiceTest {
  static final String URI = "s3://rookery-monitoring/dev/2026/11/26/05/cloudwatch_metrics.json";

  final InMemoryObjectReader objects = new InMemoryObjectReader();
  final InMemoryMetricsPublisher publisher = new InMemoryMetricsPublisher();
  final PublishMetricsService service = new PublishMetricsService("fallback/ns", objects, publisher);

  @Test
  void publish_monitorFile_publishesEveryMetricUnderFileNamespace() {
    // given
    objects.put(URI, Fixtures.bytes("data/cloudwatch_metrics.json"), "application/json");

    // when
    int published = service.publish(URI);

    // then
    assertThat(published).isEqualTo(3);
    assertThat(publisher.batches).singleElement().satisfies(b -> {
      assertThat(b.namespace()).isEqualTo("aws/sagemaker/Endpoints/data-metrics");
      assertThat(b.metrics().get(0).name()).isEqualTo("feature_baseline_drift_bill_length_mm");
      assertThat(b.metrics().get(0).timestamp()).isEqualTo(Instant.parse("2026-11-26T05:00:00Z"));
      assertThat(b.metrics().get(0).dimensions()).containsExactly(
          java.util.Map.entry("Endpoint", "rookery-dev"), java.util.Map.entry("MonitoringSchedule", "rookery-dev-hourly"));
      assertThat(b.metrics().get(2).statistics()).isEqualTo(new MetricDatum.Statistics(120, 5301.6, 33.1, 59.6));
    });
  }

  @Test
  void publish_2500Metrics_sentInBatchesOf1000() {
    // given
    StringBuilder json = new StringBuilder("{\"metrics\":[");
    for (int i = 0; i < 2500; i++) {
      json.append(i == 0 ? "" : ",").append("{\"MetricName\":\"m").append(i)
          .append("\",\"Timestamp\":1764133200,\"Value\":").append(i).append("}");
    }
    objects.put(URI, json.append("]}").toString().getBytes(StandardCharsets.UTF_8), null);

    // when
    int published = service.publish(URI);

    // then
    assertThat(published).isEqualTo(2500);
    assertThat(publisher.batches).extracting(b -> b.metrics().size()).containsExactly(1000, 1000, 500);
    assertThat(publisher.batches).allSatisfy(b -> assertThat(b.namespace()).isEqualTo("fallback/ns"));
    assertThat(publisher.batches.get(0).metrics().get(0).timestamp()).isEqualTo(Instant.ofEpochSecond(1764133200));
  }

  @Test
  void publish_badMetricLate_publishesNothingAndNamesIt() {
    // given
    objects.put(URI, ("{\"metrics\":[{\"MetricName\":\"a\",\"Timestamp\":\"2026-11-26T05:00:00Z\",\"Value\":1},"
        + "{\"MetricName\":\"b\",\"Timestamp\":\"yesterday\",\"Value\":2}]}").getBytes(StandardCharsets.UTF_8), null);

    // when / then
    assertThatThrownBy(() -> service.publish(URI))
        .isInstanceOf(InvalidMetricsFileException.class)
        .hasMessageContaining("metrics[1].Timestamp").hasMessageContaining("'yesterday'");
    assertThat(publisher.batches).isEmpty();
  }

  @Test
  void publish_missingValue_throwsNamingField() {
    // given
    objects.put(URI, "{\"metrics\":[{\"MetricName\":\"a\",\"Timestamp\":1}]}".getBytes(StandardCharsets.UTF_8), null);

    // when / then
    assertThatThrownBy(() -> service.publish(URI))
        .isInstanceOf(InvalidMetricsFileException.class)
        .hasMessage("metrics file " + URI + ": metrics[0].Value must be a finite number, found nothing");
  }

  @Test
  void publish_notS3Uri_throwsInvalidEvent() {
    // when / then
    assertThatThrownBy(() -> service.publish("/tmp/cloudwatch_metrics.json"))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("metricsUri");
  }
}
