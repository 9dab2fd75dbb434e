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
  void publish_monitorGoldenFile_publishesEveryMetricUnderFileNamespace() {
    // given: the file the monitor mode writes (training-container's golden, not a hand-written one)
    objects.put(URI, Fixtures.bytes("monitor/cloudwatch_metrics.json"), "application/json");

    // when
    int published = service.publish(URI);

    // then: 7 drift + 7 completeness metrics + constraint_violations, in file order
    assertThat(published).isEqualTo(15);
    assertThat(publisher.batches).singleElement().satisfies(b -> {
      assertThat(b.namespace()).isEqualTo("Rookery/Monitoring");
      assertThat(b.metrics().get(2).name()).isEqualTo("feature_baseline_drift_bill_depth_mm");
      assertThat(b.metrics().get(2).value()).isEqualTo(0.5425372808039017);
      assertThat(b.metrics().get(2).timestamp()).isEqualTo(Instant.parse("2024-05-01T11:00:00Z"));
      assertThat(b.metrics().get(2).dimensions()).containsExactly(
          java.util.Map.entry("Endpoint", "penguins-endpoint"), java.util.Map.entry("MonitoringSchedule", "penguins-hourly"));
      assertThat(b.metrics().get(14).name()).isEqualTo("constraint_violations");
      assertThat(b.metrics().get(14).unit()).isEqualTo("Count");
    });
  }

  @Test
  void publish_statisticValues_keptAsStatistics() {
    // given: a datum with StatisticValues instead of Value (PutMetricData allows either)
    objects.put(URI, ("{\"metrics\":[{\"MetricName\":\"feature_data_bill_length_mm\",\"Timestamp\":1764133200,"
        + "\"StatisticValues\":{\"SampleCount\":120,\"Sum\":5301.6,\"Minimum\":33.1,\"Maximum\":59.6}}]}")
        .getBytes(StandardCharsets.UTF_8), null);

    // when
    service.publish(URI);

    // then
    MetricDatum datum = publisher.batches.get(0).metrics().get(0);
    assertThat(datum.statistics()).isEqualTo(new MetricDatum.Statistics(120, 5301.6, 33.1, 59.6));
    assertThat(datum.value()).isNull();
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
