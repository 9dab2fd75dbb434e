package dev.rookery.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.ml.evaluate.Evaluation;
import dev.rookery.testutils.CaptureFixtures;
import dev.rookery.testutils.HeadlessChromium;
import dev.rookery.testutils.MachineRequirement;
import dev.rookery.testutils.QualityFixtures;
import dev.rookery.testutils.QualityFixtures.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelQualityMonitorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = QualityFixtures.START;
  private static final MonitorRequest.TimeWindow TWO_HOURS = new MonitorRequest.TimeWindow(START, START.plusSeconds(7200));

  @TempDir Path tmp;

  /** A baseline whose accuracy is 1.0, with tolerance 0.2: threshold 0.8. */
  private Path perfectBaseline() {
    List<Pair> perfect = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      String c = QualityFixtures.CLASSES.get(i % 3);
      perfect.add(new Pair(i, c, c, START));
    }
    return QualityFixtures.writeBaseline(tmp.resolve("baseline"), perfect, 0.2);
  }

  private QualityRequest request(Path constraints, int minJoined) {
    return new QualityRequest(new QualityRequest.Sources(tmp.resolve("capture"), tmp.resolve("ground-truth")),
        constraints, tmp.resolve("out"), TWO_HOURS,
        new MonitorRequest.Metrics("penguins-endpoint", "quality-hourly", START.plusSeconds(7200), null), minJoined);
  }

  /**
   * The ten hand-worked pairs, plus one label of each kind the job sets aside: an id nobody
   * captured, a class the model does not know, a broken line, a second label for an id, and a label
   * of a record captured before the window.
   */
  private void writeTenByHandWithEveryKindOfStrayLabel() {
    List<Pair> pairs = QualityFixtures.tenByHand();
    List<Pair> captured = new ArrayList<>(pairs);
    captured.add(new Pair(10, "Adelie", "Adelie", START.plusSeconds(30)));
    captured.add(new Pair(20, "Gentoo", "Gentoo", START.minusSeconds(600)));
    QualityFixtures.writeCapture(tmp.resolve("capture"), captured);
    Path hour = tmp.resolve("ground-truth/penguins-endpoint/2024/05/01/12");
    QualityFixtures.writeLines(hour.resolve("labels-1.jsonl"), QualityFixtures.labelLines(pairs));
    QualityFixtures.writeLines(hour.resolve("labels-2.jsonl"), List.of(
        GroundTruth.line("no-such-inference", "Adelie").strip(),
        GroundTruth.line(new Pair(10, "", "", START).eventId(), "Emperor").strip(),
        "{\"groundTruthData\": {\"data\": \"Adelie\"",
        GroundTruth.line(pairs.get(1).eventId(), "Gentoo").strip(),
        GroundTruth.line(new Pair(20, "", "", START).eventId(), "Gentoo").strip()));
  }

  @Test
  void run_tenPairsByHand_metricsAsWorkedOutAndEveryStrayLabelCounted() {
    // given
    writeTenByHandWithEveryKindOfStrayLabel();

    // when
    QualityResult result = ModelQualityMonitor.run(request(perfectBaseline(), 5));

    // then: A A, A A, A C, C C, C A, G G, G G, G G, G C, A A
    Evaluation e = result.evaluation().orElseThrow();
    assertThat(e.confusion()).isEqualTo(new long[][] {{3, 1, 0}, {1, 1, 0}, {0, 1, 3}});
    assertThat(e.accuracy()).isCloseTo(0.7, within(1e-12));
    // precision A 3/4, C 1/3, G 3/3; recall A 3/4, C 1/2, G 3/4; support 4, 2, 4
    assertThat(e.metrics().get("weighted_precision").value()).isCloseTo((4 * 0.75 + 2 / 3.0 + 4 * 1.0) / 10, within(1e-12));
    assertThat(e.metrics().get("weighted_recall").value()).isCloseTo(0.7, within(1e-12));
    assertThat(e.metrics().get("weighted_f1").value()).isCloseTo((4 * 0.75 + 2 * 0.4 + 4 * (1.5 / 1.75)) / 10, within(1e-12));
    QualityResult.LabelCounts labels = result.counts().labels();
    assertThat(List.of(labels.joined(), labels.unmatched(), labels.unknownClass(), labels.malformed(),
        labels.outsideWindow(), labels.duplicate(), labels.unjoinable())).containsExactly(10L, 1L, 1L, 1L, 1L, 1L, 0L);
    assertThat(labels.total()).isEqualTo(15);
    assertThat(labels.problems()).anySatisfy(p -> assertThat(p).endsWith("labels-2.jsonl:2: groundTruthData.data"
        + " 'Emperor' is not one of the model's classes [Adelie, Chinstrap, Gentoo]"));
    assertThat(labels.problems()).anySatisfy(p -> assertThat(p).contains("labels-2.jsonl:3: not a JSON object"));
    assertThat(labels.problems()).contains("label for eventId 'no-such-inference' matches no captured record");
    assertThat(result.byHour()).extracting(QualityResult.HourAccuracy::joined, QualityResult.HourAccuracy::correct)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, 3L), org.assertj.core.groups.Tuple.tuple(5L, 4L));
    assertThat(result.violations()).singleElement().satisfies(v -> {
      assertThat(v.metricName()).isEqualTo("accuracy");
      assertThat(v.checkType()).isEqualTo("LessThanThreshold");
      assertThat(v.description()).isEqualTo("Metric accuracy with 0.7000 was LessThanThreshold '0.8000'");
    });
  }

  @Test
  void run_tenPairsByHand_filesMatchGolden() throws IOException {
    // given
    writeTenByHandWithEveryKindOfStrayLabel();

    // when
    ModelQualityMonitor.run(request(perfectBaseline(), 5));

    // then
    Path out = tmp.resolve("out");
    ObjectNode statistics = (ObjectNode) JSON.readTree(out.resolve("statistics.json").toFile());
    ((ObjectNode) statistics.get("dataset")).put("evaluation_time", "2024-05-01T12:00:00Z");
    List<String> problems = new ArrayList<>();
    statistics.get("problems").forEach(p -> problems.add(p.asText().replace(tmp.toString(), "TMP")));
    statistics.putArray("problems").addAll(problems.stream().map(JSON.getNodeFactory()::textNode).toList());
    assertGolden(statistics, "window-statistics.json");
    assertGolden(JSON.readTree(out.resolve("constraint_violations.json").toFile()), "window-constraint_violations.json");
    assertGolden(JSON.readTree(out.resolve("cloudwatch_metrics.json").toFile()), "window-cloudwatch_metrics.json");
  }

  @Test
  void run_fewerJoinedThanRequired_notEnoughLabelsNoViolationOnlyCountMetrics() throws IOException {
    // given
    writeTenByHandWithEveryKindOfStrayLabel();

    // when
    QualityResult result = ModelQualityMonitor.run(request(perfectBaseline(), 11));

    // then
    assertThat(result.evaluation()).isEmpty();
    assertThat(result.violations()).isEmpty();
    assertThat(result.notEnoughLabelsMessage()).hasValue("not enough labels: 10 joined, 11 required");
    JsonNode statistics = JSON.readTree(tmp.resolve("out/statistics.json").toFile());
    assertThat(statistics.get("message").asText()).isEqualTo("not enough labels: 10 joined, 11 required");
    assertThat(statistics.has("multiclass_classification_metrics")).isFalse();
    assertThat(JSON.readTree(tmp.resolve("out/constraint_violations.json").toFile()).get("violations")).isEmpty();
    List<String> names = new ArrayList<>();
    JSON.readTree(tmp.resolve("out/cloudwatch_metrics.json").toFile()).get("metrics")
        .forEach(m -> names.add(m.get("MetricName").asText()));
    assertThat(names).containsExactly("labels_joined", "labels_unmatched", "labels_unknown_class");
    assertThat(Files.readString(result.reportFile())).contains("not enough labels: 10 joined, 11 required");
  }

  @Test
  void run_inferenceIdPresent_joinsOnItRatherThanEventId() {
    // given: a record with an inferenceId, labelled under it (its eventId has no label)
    Pair p = new Pair(1, "Gentoo", "Gentoo", START.plusSeconds(5));
    String line = CaptureFixtures.line(CaptureFixtures.Encoding.CSV, "a", null, "Gentoo,0.9\n", p.time(), p.id())
        .replace("\"eventMetadata\":{", "\"eventMetadata\":{\"inferenceId\":\"order-17\",");
    CaptureFixtures.write(tmp.resolve("capture"), START, "c.jsonl", List.of(line));
    QualityFixtures.writeLines(tmp.resolve("ground-truth/x/2024/05/01/10/l.jsonl"), List.of(
        GroundTruth.line("order-17", "Gentoo").strip(), GroundTruth.line(p.eventId(), "Gentoo").strip()));

    // when
    QualityResult result = ModelQualityMonitor.run(request(perfectBaseline(), 1));

    // then
    assertThat(result.counts().labels().joined()).isEqualTo(1);
    assertThat(result.counts().labels().unmatched()).isEqualTo(1);
  }

  /**
   * The metrics against scikit-learn's on the same files: Debian's python3-sklearn joins the capture
   * and ground-truth files itself (an independent reading of both formats) and computes accuracy,
   * weighted precision / recall / F1 and the confusion matrix.
   */
  @Test
  void run_fiveHundredRandomPairs_metricsEqualScikitLearns() throws Exception {
    MachineRequirement.require(sklearnAvailable(),
        "Debian's python3-sklearn is required: apt-get install python3-sklearn (.ci/run installs it)");
    // given: 500 pairs, predictions right 80 % of the time, classes unbalanced
    Random random = new Random(7);
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String actual = QualityFixtures.CLASSES.get(random.nextDouble() < 0.5 ? 0 : random.nextDouble() < 0.3 ? 1 : 2);
      String predicted = random.nextDouble() < 0.8 ? actual : QualityFixtures.CLASSES.get(random.nextInt(3));
      pairs.add(new Pair(i, actual, predicted, START.plusSeconds(i * 7L)));
    }
    QualityFixtures.writeCapture(tmp.resolve("capture"), pairs);
    QualityFixtures.writeLines(tmp.resolve("ground-truth/e/2024/05/01/12/l.jsonl"), QualityFixtures.labelLines(pairs));

    // when
    QualityResult result = ModelQualityMonitor.run(request(perfectBaseline(), 30));
    JsonNode sklearn = JSON.readTree(python(SKLEARN_SCRIPT, tmp.resolve("capture"), tmp.resolve("ground-truth")));

    // then
    Evaluation e = result.evaluation().orElseThrow();
    assertThat(e.itemCount()).isEqualTo(sklearn.get("n").asInt()).isEqualTo(500);
    assertThat(e.accuracy()).isCloseTo(sklearn.get("accuracy").asDouble(), within(1e-12));
    for (String m : List.of("weighted_precision", "weighted_recall", "weighted_f1")) {
      assertThat(e.metrics().get(m).value()).as(m).isCloseTo(sklearn.get(m).asDouble(), within(1e-12));
    }
    for (int a = 0; a < 3; a++) {
      for (int p = 0; p < 3; p++) {
        assertThat(e.confusion()[a][p]).isEqualTo(sklearn.get("confusion_matrix").get(a).get(p).asLong());
      }
    }
  }

  @Test
  void report_violationWindow_verdictChartsAndTablesInChromiumDom() throws Exception {
    HeadlessChromium.require();
    // given
    writeTenByHandWithEveryKindOfStrayLabel();
    QualityResult result = ModelQualityMonitor.run(request(perfectBaseline(), 5));

    // when
    String dom = HeadlessChromium.dumpDom(tmp, result.reportFile());
    HeadlessChromium.Rendering rendering = HeadlessChromium.charts(tmp, result.reportFile());
    HeadlessChromium.screenshot(tmp, result.reportFile(), Path.of("target/model-quality-report.png"));

    // then
    assertThat(Files.readString(result.reportFile())).doesNotContain("<script").doesNotContain("https://");
    assertThat(dom).contains("<p id=\"verdict\">accuracy 0.7000 on 10 joined predictions, threshold 0.8000: 1 violation(s)</p>");
    assertThat(dom).contains("<table id=\"violations\">").contains("LessThanThreshold");
    assertThat(dom).containsPattern("<svg[^>]*class=\"chart chart-line\"");
    assertThat(dom).containsPattern("<svg[^>]*class=\"chart chart-heatmap\"");
    assertThat(dom).containsPattern("<svg[^>]*class=\"chart chart-bars\"");
    assertThat(dom).contains("baseline accuracy (test split)").contains("threshold");
    assertThat(dom).contains("<table id=\"join\">").contains("<table id=\"problems\">").contains("Emperor");
    assertThat(rendering.charts()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(chart -> {
      assertThat(chart.foreign()).as(chart.title()).isZero();
      assertThat(chart.drawn()).as(chart.title()).isEqualTo(chart.marks()).isPositive();
    });
    assertThat(rendering.strayMarks()).isZero();
  }

  private static final String SKLEARN_SCRIPT = """
      import json, pathlib, sys
      from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support
      pred = {}
      for f in sorted(pathlib.Path(sys.argv[1]).rglob('*.jsonl')):
          for line in f.read_text().splitlines():
              r = json.loads(line)
              m = r['eventMetadata']
              pred[m.get('inferenceId', m['eventId'])] = r['captureData']['endpointOutput']['data'].split(',')[0]
      y_true, y_pred = [], []
      for f in sorted(pathlib.Path(sys.argv[2]).rglob('*.jsonl')):
          for line in f.read_text().splitlines():
              r = json.loads(line)
              y_true.append(r['groundTruthData']['data'])
              y_pred.append(pred[r['eventMetadata']['eventId']])
      labels = ['Adelie', 'Chinstrap', 'Gentoo']
      p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, average='weighted', zero_division=0)
      print(json.dumps({'n': len(y_true), 'accuracy': accuracy_score(y_true, y_pred), 'weighted_precision': p,
          'weighted_recall': r, 'weighted_f1': f,
          'confusion_matrix': confusion_matrix(y_true, y_pred, labels=labels).tolist()}))
      """;

  private static boolean sklearnAvailable() {
    try {
      Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import sklearn").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private String python(String script, Path... args) throws IOException, InterruptedException {
    Path file = tmp.resolve("check.py");
    Files.writeString(file, script);
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", file.toString()));
    for (Path a : args) {
      command.add(a.toString());
    }
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("python exit code").isZero();
    return out;
  }

  /** Compares with {@code src/test/resources/quality/<name>}; the actual tree goes to target/ for review. */
  static void assertGolden(JsonNode actual, String name) throws IOException {
    Path copy = Path.of("target/golden-actual/quality", name);
    Files.createDirectories(copy.getParent());
    JSON.writerWithDefaultPrettyPrinter().writeValue(copy.toFile(), actual);
    try (InputStream in = ModelQualityMonitorTest.class.getResourceAsStream("/quality/" + name)) {
      assertThat(in).as("golden file quality/%s (actual in %s)", name, copy).isNotNull();
      assertThat(actual).as("%s (actual in %s)", name, copy).isEqualTo(JSON.readTree(in));
    }
  }
}
