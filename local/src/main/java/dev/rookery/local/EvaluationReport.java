package dev.rookery.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.ml.tune.TuningResult;
import dev.rookery.report.Charts;
import dev.rookery.report.ClassMetrics;
import dev.rookery.report.HtmlPage;
import dev.rookery.settings.ParameterRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders {@code evaluation.json} (Model Monitor's multiclass model-quality shape, written by the
 * evaluate step), the tuning trials and the gate's verdict as {@code evaluation.html}: one
 * self-contained {@link HtmlPage} (inline SVG {@link Charts}, no script, nothing fetched) with
 * <ul>
 *   <li>the gate: this run's test accuracy next to the approved model's and the threshold (a bar
 *       chart, {@code table#gate}, {@code p#gate-verdict});
 *   <li>the test split: the confusion matrix as a heat map, per-class precision / recall / F1 as
 *       bars, and the tables {@code #overall}, {@code #per-class}, {@code #confusion-matrix};
 *   <li>tuning: each trial's objective against each hyperparameter that varied (log axis for a
 *       range declared {@code Logarithmic}, categories for a non-numeric one such as
 *       {@code algorithm}), the chosen trial highlighted, and {@code table#trials}.
 * </ul>
 * Each chart has a table with the same numbers (the text form). Per-class figures are read off
 * the confusion matrix ({@code confusion_matrix[actual][predicted]}), so they always agree with it.
 */
public final class EvaluationReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvaluationReport() {}

  /**
   * What the report shows besides {@code evaluation.json}.
   *
   * @param title what the page is about (run id, dataset)
   * @param tuning every trial's hyperparameters and objective, and the chosen one
   * @param ranges the tuned ranges (their scaling decides a chart's axis)
   * @param gate the gate's inputs and verdict
   */
  public record Inputs(String title, Tuning tuning, List<ParameterRange> ranges, GateView gate) {
    public Inputs {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(tuning, "tuning");
      ranges = List.copyOf(ranges);
      Objects.requireNonNull(gate, "gate");
    }
  }

  /**
   * The trials as the report shows them (hyperparameters and objective, not the models).
   *
   * @param trials in index order
   * @param chosen the position in {@code trials} of the chosen one
   */
  public record Tuning(List<TrialSummary> trials, int chosen) {
    public Tuning {
      trials = List.copyOf(trials);
      if (chosen < 0 || chosen >= trials.size()) {
        throw new IllegalArgumentException("chosen trial " + chosen + " is not one of the " + trials.size() + " trials");
      }
    }

    /**
     * The tuner's trials and its best one, found by its trial index: the best is the chosen trial
     * refitted on train + validation, another object than the trial in the list.
     */
    public static Tuning of(TuningResult result) {
      List<TrialSummary> trials = result.trials().stream()
          .map(t -> new TrialSummary(t.index(), t.hyperparameters(), t.validationAccuracy())).toList();
      int chosen = -1;
      for (int i = 0; i < trials.size(); i++) {
        if (trials.get(i).index() == result.best().index()) {
          chosen = i;
        }
      }
      return new Tuning(trials, chosen);
    }
  }

  /**
   * One trial.
   *
   * @param index the trial number
   * @param hyperparameters what it trained with
   * @param validationAccuracy the objective
   */
  public record TrialSummary(int index, Map<String, String> hyperparameters, double validationAccuracy) {
    public TrialSummary {
      hyperparameters = Map.copyOf(hyperparameters);
    }
  }

  /**
   * The gate as the report shows it.
   *
   * @param threshold {@code gate.accuracy_threshold}
   * @param approved the newest Approved version the gate compared against, if any
   * @param decision the verdict
   */
  public record GateView(double threshold, Optional<ModelVersion> approved, Gate.Decision decision) {
    public GateView {
      Objects.requireNonNull(approved, "approved");
      Objects.requireNonNull(decision, "decision");
    }
  }

  /**
   * Writes the report: the file appears whole or not at all.
   *
   * @param evaluationJson the evaluation file
   * @param html where to write the page
   * @param inputs trials and gate
   * @throws CommandFailedException when the evaluation file is missing its metrics
   */
  public static void write(Path evaluationJson, Path html, Inputs inputs) {
    try {
      JsonNode metrics = JSON.readTree(evaluationJson.toFile()).path("multiclass_classification_metrics");
      JsonNode matrix = metrics.path("confusion_matrix");
      if (!matrix.isObject() || matrix.isEmpty()) {
        throw new CommandFailedException(
            evaluationJson + " has no multiclass_classification_metrics.confusion_matrix: re-run `rookery run`");
      }
      render(metrics, inputs).write(html);
    } catch (IOException e) {
      throw new CommandFailedException("cannot write the evaluation report " + html + ": " + e.getMessage(), e);
    }
  }

  static HtmlPage render(JsonNode metrics, Inputs inputs) {
    ConfusionMatrix m = ConfusionMatrix.of(metrics.path("confusion_matrix"));
    double accuracy = metrics.path("accuracy").path("value").isNumber()
        ? metrics.path("accuracy").path("value").asDouble() : m.accuracy();
    HtmlPage page = new HtmlPage("Evaluation report").subtitle(inputs.title());
    gate(page, accuracy, inputs.gate());
    testSplit(page, metrics, m);
    tuning(page, inputs.tuning(), logScaled(inputs.ranges()));
    return page;
  }

  private static void gate(HtmlPage page, double accuracy, GateView gate) {
    page.section("Gate");
    List<String> labels = new ArrayList<>(List.of("this run"));
    List<Double> values = new ArrayList<>(List.of(accuracy));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("this run (test accuracy)", fmt(accuracy)));
    rows.add(List.of("threshold (gate.accuracy_threshold)", fmt(gate.threshold())));
    gate.approved().ifPresent(v -> {
      labels.add("approved v" + v.version());
      values.add(v.testAccuracy());
      rows.add(List.of("approved version " + v.version() + " (test accuracy)", fmt(v.testAccuracy())));
    });
    double lowest = Math.min(gate.threshold(), values.stream().mapToDouble(Double::doubleValue).min().orElse(0));
    double min = Math.max(0, Math.floor(lowest * 10) / 10 - 0.1);
    page.chart(Charts.bars("Test accuracy at the gate", labels, values.stream().mapToDouble(Double::doubleValue).toArray(),
        min, 1, OptionalDouble.of(gate.threshold()), "threshold"));
    boolean passed = gate.decision().passed();
    page.html("<p id=\"gate-verdict\" class=\"" + (passed ? "ok" : "bad") + "\">"
        + HtmlPage.escape((passed ? "Passed: " : "Rejected: ") + gate.decision().message()) + "</p>\n");
    page.table("gate", "What the gate compared", List.of("", "value"), rows);
  }

  private static void testSplit(HtmlPage page, JsonNode metrics, ConfusionMatrix m) {
    page.section("Test split (" + m.total() + " records)");
    int n = m.labels().size();
    ClassMetrics metricsPerClass = ClassMetrics.of(m.labels(), m.counts());
    List<List<String>> perClass = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      perClass.add(List.of(m.labels().get(c), fmt(metricsPerClass.precision()[c]), fmt(metricsPerClass.recall()[c]),
          fmt(metricsPerClass.f1()[c]), String.valueOf(metricsPerClass.support(c))));
    }
    page.charts(metricsPerClass.charts());

    List<List<String>> overall = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().path("value").isNumber()) {
        overall.add(List.of(e.getKey(), fmt(e.getValue().get("value").asDouble())));
      }
    }
    if (!metrics.has("accuracy")) {
      overall.add(List.of("accuracy", fmt(m.accuracy())));
    }
    page.table("overall", "Overall (test split, " + m.total() + " records)", List.of("metric", "value"), overall);
    page.table("per-class", "Per class", List.of("class", "precision", "recall", "F1", "support"), perClass);
    List<String> header = new ArrayList<>(List.of("actual \\ predicted"));
    header.addAll(m.labels());
    List<List<String>> rows = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      List<String> row = new ArrayList<>(List.of(m.labels().get(a)));
      for (int p = 0; p < n; p++) {
        row.add(String.valueOf(m.counts()[a][p]));
      }
      rows.add(row);
    }
    page.table("confusion-matrix", "Confusion matrix (rows: actual, columns: predicted)", header, rows);
  }

  private static void tuning(HtmlPage page, Tuning tuning, Set<String> logScaled) {
    List<TrialSummary> trials = tuning.trials();
    page.section("Tuning (" + trials.size() + " trials)");
    int chosen = tuning.chosen();
    TrialSummary best = trials.get(chosen);
    page.paragraph("Objective: validation accuracy. Chosen: trial " + best.index()
        + String.format(Locale.ROOT, " (%.4f), the highest.", best.validationAccuracy()));
    Set<String> names = new TreeSet<>();
    trials.forEach(t -> names.addAll(t.hyperparameters().keySet()));
    List<String> varied = new ArrayList<>();
    Map<String, String> fixed = new TreeMap<>();
    for (String name : names) {
      Set<String> seen = new LinkedHashSet<>();
      trials.forEach(t -> seen.add(t.hyperparameters().getOrDefault(name, "")));
      if (seen.size() > 1) {
        varied.add(name);
      } else {
        fixed.put(name, seen.iterator().next());
      }
    }
    double[] objective = trials.stream().mapToDouble(TrialSummary::validationAccuracy).toArray();
    List<String> charts = new ArrayList<>();
    for (String name : varied) {
      List<String> raw = trials.stream().map(t -> t.hyperparameters().get(name)).toList();
      double[] x = numbers(raw);
      String title = "Validation accuracy vs " + name;
      if (x != null) {
        boolean log = logScaled.contains(name) && java.util.Arrays.stream(x).allMatch(v -> Double.isNaN(v) || v > 0);
        charts.add(Charts.scatter(title, name, x, "validation accuracy", objective, log, chosen));
      } else {
        charts.add(Charts.categoryScatter(title, name, raw.stream().map(v -> v == null ? "(not set)" : v).toList(),
            "validation accuracy", objective, chosen));
      }
    }
    page.charts(charts);
    if (!fixed.isEmpty()) {
      page.paragraph("The same in every trial: " + String.join(", ",
          fixed.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList()) + ".");
    }
    List<String> header = new ArrayList<>(List.of("trial"));
    header.addAll(varied);
    header.add("validation accuracy");
    List<List<String>> rows = new ArrayList<>();
    for (TrialSummary t : trials) {
      List<String> row = new ArrayList<>(List.of(t.index() + (t == best ? " (chosen)" : "")));
      varied.forEach(name -> row.add(t.hyperparameters().getOrDefault(name, "")));
      row.add(fmt(t.validationAccuracy()));
      rows.add(row);
    }
    page.table("trials", "Trials", header, rows);
  }

  /** The values as numbers ({@code NaN} where unset), or {@code null} when one is not a number. */
  private static double[] numbers(List<String> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      String v = values.get(i);
      if (v == null) {
        out[i] = Double.NaN;
        continue;
      }
      try {
        out[i] = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Double.isFinite(out[i])) {
        return null;
      }
    }
    return out;
  }

  private static Set<String> logScaled(List<ParameterRange> ranges) {
    Set<String> names = new TreeSet<>();
    for (ParameterRange r : ranges) {
      if (r instanceof ParameterRange.Continuous c && c.scaling() == ParameterRange.Scaling.LOGARITHMIC
          || r instanceof ParameterRange.IntegerRange i && i.scaling() == ParameterRange.Scaling.LOGARITHMIC) {
        names.add(r.name());
      }
    }
    return names;
  }

  /** {@code confusion_matrix[actual][predicted]} with the labels sorted. */
  private record ConfusionMatrix(List<String> labels, long[][] counts) {
    static ConfusionMatrix of(JsonNode matrix) {
      Set<String> labelSet = new TreeSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = matrix.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> row = it.next();
        labelSet.add(row.getKey());
        row.getValue().fieldNames().forEachRemaining(labelSet::add);
      }
      List<String> labels = List.copyOf(labelSet);
      long[][] counts = new long[labels.size()][labels.size()];
      for (int a = 0; a < labels.size(); a++) {
        for (int p = 0; p < labels.size(); p++) {
          counts[a][p] = matrix.path(labels.get(a)).path(labels.get(p)).asLong(0);
        }
      }
      return new ConfusionMatrix(labels, counts);
    }

    long actual(int c) {
      long sum = 0;
      for (long v : counts[c]) {
        sum += v;
      }
      return sum;
    }

    long predicted(int c) {
      long sum = 0;
      for (long[] row : counts) {
        sum += row[c];
      }
      return sum;
    }

    long total() {
      long sum = 0;
      for (int c = 0; c < labels.size(); c++) {
        sum += actual(c);
      }
      return sum;
    }

    double accuracy() {
      long correct = 0;
      for (int c = 0; c < labels.size(); c++) {
        correct += counts[c][c];
      }
      return total() == 0 ? 0 : (double) correct / total();
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
