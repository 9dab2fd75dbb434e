package dev.rookery.local;

import static dev.rookery.testutils.SvgXml.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.settings.GateSettings;
import dev.rookery.settings.ParameterRange;
import dev.rookery.settings.PipelineSettings;
import dev.rookery.testutils.HeadlessChromium;
import dev.rookery.testutils.SvgXml;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class EvaluationReportTest {
  private static final String EVALUATION = """
      {"multiclass_classification_metrics": {
        "accuracy": {"value": 0.9333, "standard_deviation": 0.01},
        "confusion_matrix": {"Adelie": {"Adelie": 9, "Gentoo": 1}, "Gentoo": {"Adelie": 0, "Gentoo": 5}}}}""";

  @TempDir Path dir;

  @Test
  void write_modelMonitorEvaluation_rendersPerClassFromTheConfusionMatrix() throws Exception {
    // given: 10 Adelie (1 predicted Gentoo), 5 Gentoo all right
    Path json = write(EVALUATION);
    Path html = dir.resolve("evaluation.html");

    // when
    EvaluationReport.write(json, html, inputs("run <r1>", Optional.empty(), passed()));

    // then
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("src=")
        .doesNotContain("href=").doesNotContain("<link");
    assertThat(page).contains("run &lt;r1&gt;").contains("<tr><th>accuracy</th><td>0.9333</td></tr>");
    // Adelie: precision 9/9, recall 9/10; Gentoo: precision 5/6, recall 5/5
    assertThat(page).contains("<tr><th>Adelie</th><td>1.0000</td><td>0.9000</td><td>0.9474</td><td>10</td></tr>");
    assertThat(page).contains("<tr><th>Gentoo</th><td>0.8333</td><td>1.0000</td><td>0.9091</td><td>5</td></tr>");
    assertThat(page).contains("<tr><th>Adelie</th><td>9</td><td>1</td></tr>");
  }

  @Test
  void write_confusionMatrixAndPerClass_drawnAsHeatMapAndBarsWithTheTablesNumbers() throws Exception {
    // when
    String page = render(Optional.empty(), passed());

    // then
    Document heatmap = chart(page, "chart-heatmap", "Confusion matrix");
    assertThat(texts(heatmap, "//text[@class='cell-value']")).containsExactly("9", "1", "0", "5");
    assertThat(texts(heatmap, "//text[@class='tick-y']")).containsExactly("Adelie", "Gentoo");
    Document bars = chart(page, "chart-bars", "Precision, recall and F1 per class");
    assertThat(texts(bars, "//rect[@class='bar']/title")).containsExactly(
        "Adelie, precision: 1", "Adelie, recall: 0.9", "Adelie, F1: 0.9474",
        "Gentoo, precision: 0.8333", "Gentoo, recall: 1", "Gentoo, F1: 0.9091");
  }

  @Test
  void write_trials_oneScatterPerVariedHyperparameterLogWhereDeclaredCategoriesForAlgorithm() throws Exception {
    // when
    String page = render(Optional.empty(), passed());

    // then: learning_rate (Logarithmic range) on decades, algorithm as categories, seed fixed, not charted
    Document rate = chart(page, "chart-scatter", "Validation accuracy vs learning_rate");
    assertThat(texts(rate, "//text[@class='tick-x']")).containsExactly("0.01", "0.1", "1");
    assertThat(texts(rate, "//circle/title")).hasSize(2).contains("#2 (chosen): learning_rate = 0.5, validation accuracy = 0.97");
    Document algorithm = chart(page, "chart-scatter", "Validation accuracy vs algorithm");
    assertThat(texts(algorithm, "//text[@class='tick-x']")).containsExactly("logistic", "forest");
    assertThat(texts(algorithm, "//circle[@class='point highlight']/title"))
        .containsExactly("#2 (chosen): algorithm = logistic, validation accuracy = 0.97");
    Document trees = chart(page, "chart-scatter", "Validation accuracy vs num_trees");
    assertThat(texts(trees, "//circle")).hasSize(1);
    assertThat(page).doesNotContain("Validation accuracy vs seed").contains("The same in every trial: seed = 42.");
    assertThat(page).contains("<tr><th>2 (chosen)</th><td>logistic</td><td>0.5</td><td></td><td>0.9700</td></tr>");
  }

  @Test
  void write_rejectedAgainstAnApprovedVersion_gateChartShowsBothAccuraciesAndTheThreshold() throws Exception {
    // given an approved version 3 with 0.95 and a gate at 0.9 that must be beaten
    ModelVersion approved = new ModelVersion(3, Instant.parse("2026-12-01T00:00:00Z"), ApprovalStatus.Approved,
        new ModelVersion.Registration("r0", dir, new ModelVersion.Lineage("d.csv", "0".repeat(64), "species"),
            Map.of("train", 1.0, "validation", 0.96, "test", 0.95), Map.of()));
    Gate.Decision decision = new Gate(new GateSettings(0.9, true)).decide(0.9333, Optional.of(approved));

    // when
    String page = render(Optional.of(approved), decision);

    // then
    Document gate = chart(page, "chart-bars", "Test accuracy at the gate");
    assertThat(texts(gate, "//text[@class='tick-x']")).containsExactly("this run", "approved v3");
    assertThat(texts(gate, "//text[@class='bar-value']")).containsExactly("0.9333", "0.95");
    assertThat(texts(gate, "//text[@class='threshold-label']")).containsExactly("threshold 0.9");
    assertThat(page).contains("<p id=\"gate-verdict\" class=\"bad\">Rejected: test accuracy 0.9333 does not beat"
        + " approved model version 3&#39;s 0.9500 (gate.must_beat_approved)</p>");
    assertThat(page).contains("<tr><th>approved version 3 (test accuracy)</th><td>0.9500</td></tr>");
  }

  @Test
  void write_noConfusionMatrix_failsNamingTheFileAndWritesNothing() throws Exception {
    // given
    Path json = write("{\"multiclass_classification_metrics\": {\"accuracy\": {\"value\": 1.0}}}");
    Path html = dir.resolve("evaluation.html");

    // when / then
    assertThatThrownBy(() -> EvaluationReport.write(json, html, inputs("x", Optional.empty(), passed())))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining(json.toString());
    assertThat(html).doesNotExist();
  }

  /**
   * Two real runs (the second gated against the first, approved), then the second run's
   * evaluation.html in headless Chromium: every chart laid out with every mark drawn and no HTML
   * inside; and the same check on a copy with one chart cut short by markup does fail.
   */
  @Test
  void run_evaluationHtml_everyChartRendersInChromium() throws Exception {
    // given
    HeadlessChromium.require();
    Path csv = TestDatasets.blobs(dir.resolve("blobs.csv"), 200, 11);
    PipelineSettings settings = SettingsOptions.withTarget(PipelineSettings.bundled(), "kind");
    StateDir state = new StateDir(dir.resolve("state")).create();
    LocalPipeline pipeline = new LocalPipeline(state, settings,
        new Progress(new PrintWriter(new StringWriter(), true), false, LocalPipeline.STEPS));
    pipeline.run(csv);

    // when
    LocalPipeline.Outcome second = pipeline.run(csv);
    Path html = second.layout().evaluationHtml();
    HeadlessChromium.Rendering rendering = HeadlessChromium.charts(dir, html);
    HeadlessChromium.screenshot(dir, html, Path.of("target/evaluation-report.png").toAbsolutePath());

    // then: gate, heat map, per-class bars, and one scatter per varied hyperparameter
    String page = Files.readString(html);
    assertThat(page).contains("approved v1");
    int scatters = page.split("class=\"chart chart-scatter\"", -1).length - 1;
    assertThat(scatters).isGreaterThanOrEqualTo(2);
    assertThat(rendering.charts()).hasSize(3 + scatters);
    assertThat(rendering.charts()).extracting(HeadlessChromium.RenderedChart::title)
        .startsWith("Test accuracy at the gate", "Confusion matrix", "Precision, recall and F1 per class");
    assertThat(rendering.charts()).allSatisfy(chart -> {
      assertThat(chart.width()).as(chart.title()).isGreaterThan(200);
      assertThat(chart.height()).as(chart.title()).isGreaterThan(150);
      assertThat(chart.foreign()).as(chart.title()).isZero();
      assertThat(chart.drawn()).as(chart.title()).isEqualTo(chart.marks()).isGreaterThan(10);
    });
    assertThat(rendering.strayMarks()).isZero();

    // and the check has teeth: a label that closes its chart early is caught
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, page.replaceFirst("<text class=\"cell-value\"", "</svg><text class=\"cell-value\""));
    HeadlessChromium.Rendering bad = HeadlessChromium.charts(dir, broken);
    assertThat(bad.strayMarks()).isPositive();
  }

  private String render(Optional<ModelVersion> approved, Gate.Decision decision) throws Exception {
    Path html = dir.resolve("evaluation.html");
    EvaluationReport.write(write(EVALUATION), html, inputs("run r1", approved, decision));
    return Files.readString(html);
  }

  /** Four trials: two algorithms, a rate only logistic has, trees only the forest has, a fixed seed. */
  private static EvaluationReport.Inputs inputs(String title, Optional<ModelVersion> approved, Gate.Decision decision) {
    List<EvaluationReport.TrialSummary> trials = List.of(
        trial(0, Map.of("algorithm", "logistic", "learning_rate", "0.05", "seed", "42"), 0.9),
        trial(1, Map.of("algorithm", "forest", "num_trees", "40", "seed", "42"), 0.93),
        trial(2, Map.of("algorithm", "logistic", "learning_rate", "0.5", "seed", "42"), 0.97),
        trial(3, Map.of("algorithm", "forest", "num_trees", "80", "seed", "42"), Double.NaN));
    List<ParameterRange> ranges = List.of(
        new ParameterRange.Continuous("learning_rate", 0.05, 1.0, ParameterRange.Scaling.LOGARITHMIC),
        new ParameterRange.IntegerRange("num_trees", 20, 100, ParameterRange.Scaling.LINEAR));
    return new EvaluationReport.Inputs(title, new EvaluationReport.Tuning(trials, 2), ranges,
        new EvaluationReport.GateView(0.9, approved, decision));
  }

  private static EvaluationReport.TrialSummary trial(int index, Map<String, String> hyperparameters, double validation) {
    return new EvaluationReport.TrialSummary(index, hyperparameters, validation);
  }

  private static Gate.Decision passed() {
    return new Gate.Decision(Gate.Verdict.PASSED, "test accuracy 0.9333 >= threshold 0.9000");
  }

  private Path write(String evaluation) throws Exception {
    Path json = dir.resolve("evaluation.json");
    Files.writeString(json, evaluation);
    return json;
  }

  /** The page's {@code svg.<kind>} whose title is {@code title}, parsed as XML. */
  private static Document chart(String page, String kind, String title) throws Exception {
    Matcher m = Pattern.compile("<svg class=\"chart " + kind + "\".*?</svg>", Pattern.DOTALL).matcher(page);
    List<String> titles = new ArrayList<>();
    while (m.find()) {
      Document svg = SvgXml.parse(m.group());
      String t = svg.getDocumentElement().getElementsByTagName("title").item(0).getTextContent();
      if (t.equals(title)) {
        return svg;
      }
      titles.add(t);
    }
    throw new AssertionError("no " + kind + " chart titled '" + title + "' in the page; found " + titles);
  }
}
