package dev.rookery.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.runs.RunRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs side by side: every setting, the chosen hyperparameters, row counts, test metrics, the
 * gate and the model version as one row each, a row marked when its values differ, and the winner
 * (highest test accuracy; the earlier run on a tie). The one model {@code runs compare} prints as
 * text, JSON and HTML.
 *
 * @param runs the runs compared, in the order given
 * @param rows one row per field
 * @param winner the index into {@code runs} of the winner
 */
public record RunComparison(List<Registry.IndexedRun> runs, List<Row> rows, int winner) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One field across the runs.
   *
   * @param name dotted name ({@code config.seed}, {@code chosen.learning_rate}, {@code test.accuracy})
   * @param values one per run, {@code "-"} where a run has none
   * @param differs whether the values are not all equal
   */
  public record Row(String name, List<String> values, boolean differs) {}

  /** Compares the runs (at least two). */
  public static RunComparison of(List<Registry.IndexedRun> runs) {
    if (runs.size() < 2) {
      throw new IllegalArgumentException("compare needs at least two runs, found " + runs.size());
    }
    List<Map<String, String>> columns = runs.stream().map(RunComparison::fields).toList();
    Set<String> names = new LinkedHashSet<>();
    columns.forEach(c -> names.addAll(c.keySet()));
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      List<String> values = columns.stream().map(c -> c.getOrDefault(name, "-")).toList();
      rows.add(new Row(name, values, values.stream().distinct().count() > 1));
    }
    int winner = 0;
    for (int i = 1; i < runs.size(); i++) {
      if (runs.get(i).record().testAccuracy() > runs.get(winner).record().testAccuracy()) {
        winner = i;
      }
    }
    return new RunComparison(List.copyOf(runs), List.copyOf(rows), winner);
  }

  /** The winning run. */
  public Registry.IndexedRun winnerRun() {
    return runs.get(winner);
  }

  /** The other runs with the winner's test accuracy. */
  public List<String> tiedWithWinner() {
    double best = winnerRun().record().testAccuracy();
    return runs.stream().filter(r -> r != winnerRun() && r.record().testAccuracy() == best)
        .map(r -> r.record().runId()).toList();
  }

  /** Names of the rows whose values differ. */
  public List<String> differences() {
    return rows.stream().filter(Row::differs).map(Row::name).toList();
  }

  /** One run's fields by dotted name, values as shown. */
  private static Map<String, String> fields(Registry.IndexedRun run) {
    RunRecord r = run.record();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("status", run.status());
    f.put("dataset.uri", r.dataset().uri());
    f.put("dataset.sha256", r.dataset().sha256());
    f.put("rows.train", Long.toString(r.rows().train()));
    f.put("rows.validation", Long.toString(r.rows().validation()));
    f.put("rows.test", Long.toString(r.rows().test()));
    f.put("rows.dropped", Long.toString(r.rows().dropped()));
    flatten("config", r.config(), f);
    f.put("tuning.trials", Integer.toString(r.tuning().trials().size()));
    r.tuning().trials().stream().flatMap(t -> t.validationAccuracy().stream()).max(Comparator.naturalOrder())
        .ifPresent(best -> f.put("tuning.best_validation_accuracy", show(best)));
    r.tuning().chosenTrial().ifPresent(t ->
        new java.util.TreeMap<>(t.hyperparameters()).forEach((k, v) -> f.put("chosen." + k, v)));
    r.testMetrics().forEach((k, v) -> f.put("test." + k, show(v)));
    r.gate().ifPresent(g -> {
      f.put("gate.verdict", g.verdict());
      f.put("gate.threshold", show(g.threshold()));
      f.put("gate.approved_accuracy", g.approvedAccuracy().map(RunComparison::show).orElse("-"));
    });
    f.put("model.version", r.model().map(m -> Integer.toString(m.version())).orElse("-"));
    return f;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object value, Map<String, String> out) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      ((Map<String, Object>) map).forEach((k, v) -> flatten(prefix + "." + k, v, out));
    } else {
      out.put(prefix, show(value));
    }
  }

  /** A value as the comparison shows it: numbers as written (settings) or to 4 decimals (metrics). */
  static String show(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.4f", d);
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot show " + value, e);
    }
  }

  // ---------------------------------------------------------------- renderings

  private static final int MAX_TEXT_WIDTH = 40;

  /** The text table: {@code *} before a row whose values differ, the winner last. */
  public String text() {
    int nameWidth = rows.stream().mapToInt(r -> r.name().length()).max().orElse(4);
    List<Integer> widths = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      int col = i;
      widths.add(Math.max(runs.get(i).record().runId().length(),
          rows.stream().mapToInt(r -> clip(r.values().get(col)).length()).max().orElse(1)));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s", "field"));
    for (int i = 0; i < runs.size(); i++) {
      sb.append("  ").append(String.format(Locale.ROOT, "%-" + widths.get(i) + "s", runs.get(i).record().runId()));
    }
    sb.append('\n');
    for (Row row : rows) {
      sb.append(row.differs() ? "* " : "  ").append(String.format(Locale.ROOT, "%-" + nameWidth + "s", row.name()));
      for (int i = 0; i < runs.size(); i++) {
        sb.append("  ").append(String.format(Locale.ROOT, "%-" + widths.get(i) + "s", clip(row.values().get(i))));
      }
      sb.append('\n');
    }
    sb.replace(0, sb.length(), sb.toString().replaceAll(" +\n", "\n"));
    sb.append(String.format(Locale.ROOT, "%n%d of %d fields differ (marked *)%n", differences().size(), rows.size()));
    sb.append(String.format(Locale.ROOT, "winner: %s (test accuracy %.4f)%s%n",
        winnerRun().record().runId(), winnerRun().record().testAccuracy(),
        tiedWithWinner().isEmpty() ? "" : ", tied with " + String.join(", ", tiedWithWinner()) + " (the earlier run wins a tie)"));
    return sb.toString();
  }

  private static String clip(String value) {
    return value.length() <= MAX_TEXT_WIDTH ? value : value.substring(0, MAX_TEXT_WIDTH - 3) + "...";
  }

  /** The JSON for scripts: runs (with their records), rows, differences, winner. */
  public String json() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode runList = root.putArray("runs");
    for (Registry.IndexedRun run : runs) {
      ObjectNode node = runList.addObject();
      node.put("run_id", run.record().runId());
      node.put("status", run.status());
      node.put("run_json", run.file().toString());
      node.put("test_accuracy", run.record().testAccuracy());
    }
    ArrayNode rowList = root.putArray("rows");
    for (Row row : rows) {
      ObjectNode node = rowList.addObject();
      node.put("name", row.name());
      row.values().forEach(node.putArray("values")::add);
      node.put("differs", row.differs());
    }
    differences().forEach(root.putArray("differences")::add);
    root.put("winner", winnerRun().record().runId());
    root.put("winner_test_accuracy", winnerRun().record().testAccuracy());
    tiedWithWinner().forEach(root.putArray("tied_with_winner")::add);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
