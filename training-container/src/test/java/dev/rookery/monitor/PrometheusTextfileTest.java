package dev.rookery.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.testutils.CaptureFixtures.Encoding;
import dev.rookery.testutils.PrometheusParser;
import dev.rookery.testutils.PrometheusParser.Family;
import dev.rookery.testutils.PrometheusParser.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's textfile, from real runs over captured traffic, read by the Prometheus project's parser. */
class PrometheusTextfileTest {
  @TempDir Path tmp;

  /** A real run over the held-out split, with bill_depth_mm shifted so that one feature drifts. */
  private MonitorResult runWithShiftedBillDepth() {
    DriftMonitorTest fixture = new DriftMonitorTest();
    fixture.tmp = tmp;
    fixture.writeBaseline();
    int index = DriftMonitorTest.NAMES.indexOf("bill_depth_mm");
    fixture.captureTestSplit(Encoding.JSON, row -> {
      if (!row[index].equals("NA")) {
        row[index] = String.format(Locale.ROOT, "%.1f", Double.parseDouble(row[index]) + 5);
      }
      return row;
    }, Map.of());
    return DriftMonitor.run(fixture.request("out", false));
  }

  /** Writes the run's textfile (in a folder not yet there) and parses it. */
  private Map<String, Family> writeAndParse(MonitorResult result) throws Exception {
    Path file = tmp.resolve("textfile/rookery.prom");
    PrometheusTextfile.write(file, result, "penguins-endpoint", Instant.parse("2024-05-01T11:00:00Z"));
    return PrometheusParser.parse(Files.readString(file));
  }

  @Test
  void write_shiftedFeature_parsesWithADistancePerFeatureEqualToTheRun() throws Exception {
    // given / when
    MonitorResult result = runWithShiftedBillDepth();
    Map<String, Family> families = writeAndParse(result);

    // then
    Family distance = families.get("rookery_monitor_feature_drift_distance");
    assertThat(distance.type()).isEqualTo("gauge");
    assertThat(distance.samples()).extracting(s -> s.labels().get("feature"))
        .containsExactlyElementsOf(DriftMonitorTest.NAMES);
    for (FeatureDrift d : result.findings().drifts()) {
      Sample s = distance.samples("rookery_monitor_feature_drift_distance", Map.of("feature", d.featureName())).get(0);
      assertThat(s.labels()).containsEntry("endpoint", "penguins-endpoint");
      assertThat(s.value()).isEqualTo(d.distance());
    }
    assertThat(distance.samples("rookery_monitor_feature_drift_distance", Map.of("feature", "bill_depth_mm")).get(0).value())
        .isGreaterThan(families.get("rookery_monitor_feature_drift_threshold")
            .samples("rookery_monitor_feature_drift_threshold", Map.of("feature", "bill_depth_mm")).get(0).value());
  }

  @Test
  void write_shiftedFeature_countsViolationsRecordsAndRunTime() throws Exception {
    // given / when
    MonitorResult result = runWithShiftedBillDepth();
    Map<String, Family> families = writeAndParse(result);

    // then
    assertThat(result.violations()).isNotEmpty();
    assertThat(families.get("rookery_monitor_constraint_violations").samples().get(0).value())
        .isEqualTo(result.violations().size());
    assertThat(families.get("rookery_monitor_records_analysed").samples().get(0).value()).isEqualTo(result.itemCount());
    assertThat(families.get("rookery_monitor_last_run_timestamp_seconds").samples().get(0).value()).isEqualTo(1714561200);
  }

  @Test
  void write_existingFile_replacedWholeWithoutTemporaryLeftOver() throws Exception {
    // given
    MonitorResult result = runWithShiftedBillDepth();
    Path dir = Files.createDirectories(tmp.resolve("textfile"));
    Path file = dir.resolve("rookery.prom");
    Files.writeString(file, "# an older run\nstale_metric 1\n");

    // when
    PrometheusTextfile.write(file, result, "penguins-endpoint", Instant.parse("2024-05-01T11:00:00Z"));

    // then
    assertThat(Files.readString(file)).doesNotContain("stale_metric");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
