package dev.rookery.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.ml.stats.BaselineWriter;
import dev.rookery.testutils.CaptureFixtures;
import dev.rookery.testutils.CaptureFixtures.Encoding;
import dev.rookery.testutils.HeadlessChromium;
import dev.rookery.testutils.PenguinsFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a report with violations and opens it in real headless Chromium (Debian's
 * {@code /usr/bin/chromium}; without it the test is skipped with that reason, except under
 * {@code CI=true}, where it fails). The screenshot is kept under
 * {@code target/monitor-report.png}.
 */
class ReportWriterTest {
  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

  @TempDir Path tmp;

  @Test
  void render_reportWithViolations_everyChartAndViolationInChromiumDom() throws Exception {
    // given a window where island has a new dominant category and a JSON field is unknown
    HeadlessChromium.require();
    Path baseline = tmp.resolve("baseline");
    BaselineWriter.write(PenguinsFixtures.schema(), PenguinsFixtures.train().rows(), baseline);
    PenguinsFixtures.Split test = PenguinsFixtures.test();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < test.rows().size(); i++) {
      String[] row = test.rows().get(i).clone();
      if (i % 3 != 0) {
        row[0] = "Anvers <&>";
      }
      lines.add(CaptureFixtures.line(Encoding.JSON, null,
          CaptureFixtures.json(PenguinsFixtures.FEATURES, row, Map.of("colour", "grey")),
          test.labels().get(i), START.plusSeconds(i), i));
    }
    CaptureFixtures.write(tmp.resolve("capture"), START, "c.jsonl", lines);
    MonitorResult result = DriftMonitor.run(new MonitorRequest(tmp.resolve("capture"), tmp.resolve("out"),
        new MonitorRequest.Baseline(baseline.resolve("statistics.json"), baseline.resolve("constraints.json")),
        new MonitorRequest.TimeWindow(START, START.plusSeconds(3600)),
        new MonitorRequest.Metrics("penguins-endpoint", "hourly", START.plusSeconds(3600), null)));
    String html = Files.readString(result.reportFile(), StandardCharsets.UTF_8);

    // when
    String dom = chromium(tmp, "--dump-dom", result.reportFile());
    Path screenshot = Path.of("target/monitor-report.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    chromium(tmp, "--screenshot=" + screenshot, result.reportFile());

    // then
    assertThat(html).doesNotContain("<script").doesNotContain("http://fonts").doesNotContain("https://")
        .doesNotContain("<link");
    for (String feature : PenguinsFixtures.FEATURES) {
      assertThat(dom).contains("<section class=\"feature").contains("data-feature=\"" + feature + "\"");
      assertThat(dom).containsPattern("<svg class=\"chart\" data-feature=\"" + feature + "\"");
    }
    assertThat(dom).contains("<table id=\"violations\">");
    for (Violation v : result.violations()) {
      assertThat(dom).contains("data-check=\"" + v.checkType().wireName() + "\" data-feature=\""
          + ReportWriter.esc(v.featureName()) + "\"");
    }
    assertThat(result.violations()).extracting(Violation::checkType)
        .contains(CheckType.CATEGORICAL_VALUES_CHECK, CheckType.EXTRA_COLUMN_CHECK, CheckType.BASELINE_DRIFT_CHECK);
    assertThat(dom).contains("Anvers &lt;&amp;&gt;").doesNotContain("Anvers <&>");
    assertThat(dom).contains("<table id=\"predictions\">").contains("Gentoo");
    assertThat(dom).contains("Robust");
    assertThat(screenshot).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
  }

  private static String chromium(Path tmp, String action, Path page) throws IOException, InterruptedException {
    return HeadlessChromium.run(tmp, action, page);
  }
}
