package dev.rookery.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders {@code evaluation.json} (Model Monitor's multiclass model-quality shape, written by the
 * evaluate step) as {@code evaluation.html}: one self-contained page (inline CSS, no script, no
 * external resource) with the overall metrics, per-class precision / recall / F1 / support and the
 * confusion matrix. Per-class figures are read off the confusion matrix
 * ({@code confusion_matrix[actual][predicted]}), so they always agree with it.
 */
public final class EvaluationReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvaluationReport() {}

  /**
   * Writes the report next to nothing else: the file appears whole or not at all.
   *
   * @param evaluationJson the evaluation file
   * @param html where to write the page
   * @param title what the page is about (run id, model)
   * @throws CommandFailedException when the evaluation file is missing its metrics
   */
  public static void write(Path evaluationJson, Path html, String title) {
    try {
      JsonNode metrics = JSON.readTree(evaluationJson.toFile()).path("multiclass_classification_metrics");
      JsonNode matrix = metrics.path("confusion_matrix");
      if (!matrix.isObject() || matrix.isEmpty()) {
        throw new CommandFailedException(
            evaluationJson + " has no multiclass_classification_metrics.confusion_matrix: re-run `rookery run`");
      }
      Files.createDirectories(html.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(html.toAbsolutePath().getParent(), "evaluation-", ".html.tmp");
      try {
        Files.writeString(tmp, render(metrics, title), StandardCharsets.UTF_8);
        Files.move(tmp, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CommandFailedException("cannot write the evaluation report " + html + ": " + e.getMessage(), e);
    }
  }

  static String render(JsonNode metrics, String title) {
    JsonNode matrix = metrics.path("confusion_matrix");
    Set<String> labelSet = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = matrix.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> row = it.next();
      labelSet.add(row.getKey());
      row.getValue().fieldNames().forEachRemaining(labelSet::add);
    }
    List<String> labels = new ArrayList<>(labelSet);
    labels.sort(null);
    int n = labels.size();
    long[][] counts = new long[n][n];
    long total = 0;
    long correct = 0;
    for (int a = 0; a < n; a++) {
      for (int p = 0; p < n; p++) {
        counts[a][p] = matrix.path(labels.get(a)).path(labels.get(p)).asLong(0);
        total += counts[a][p];
        if (a == p) {
          correct += counts[a][p];
        }
      }
    }

    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Evaluation: ")
        .append(esc(title)).append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .7em;text-align:right}")
        .append("th{background:#eee}td.diag{background:#d7f0d7;font-weight:bold}td.off{background:#fbe3e3}")
        .append("caption{text-align:left;font-weight:bold;padding:.3em 0}")
        .append("</style></head><body>\n<h1>Evaluation report</h1>\n<p>").append(esc(title)).append("</p>\n");

    h.append("<table id=\"overall\"><caption>Overall (test split, ").append(total).append(" records)</caption>\n");
    h.append("<tr><th>metric</th><th>value</th></tr>\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      if (m.getValue().has("value") && m.getValue().get("value").isNumber()) {
        h.append("<tr><th>").append(esc(m.getKey())).append("</th><td>")
            .append(fmt(m.getValue().get("value").asDouble())).append("</td></tr>\n");
      }
    }
    if (!metrics.has("accuracy")) {
      h.append("<tr><th>accuracy</th><td>").append(fmt(total == 0 ? 0 : (double) correct / total)).append("</td></tr>\n");
    }
    h.append("</table>\n");

    h.append("<table id=\"per-class\"><caption>Per class</caption>\n")
        .append("<tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>\n");
    for (int c = 0; c < n; c++) {
      long tp = counts[c][c];
      long actual = 0;
      long predicted = 0;
      for (int k = 0; k < n; k++) {
        actual += counts[c][k];
        predicted += counts[k][c];
      }
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = actual == 0 ? 0 : (double) tp / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      h.append("<tr><th>").append(esc(labels.get(c))).append("</th><td>").append(fmt(precision))
          .append("</td><td>").append(fmt(recall)).append("</td><td>").append(fmt(f1))
          .append("</td><td>").append(actual).append("</td></tr>\n");
    }
    h.append("</table>\n");

    h.append("<table id=\"confusion-matrix\"><caption>Confusion matrix (rows: actual, columns: predicted)</caption>\n<tr><th></th>");
    labels.forEach(l -> h.append("<th>").append(esc(l)).append("</th>"));
    h.append("</tr>\n");
    for (int a = 0; a < n; a++) {
      h.append("<tr><th>").append(esc(labels.get(a))).append("</th>");
      for (int p = 0; p < n; p++) {
        h.append("<td class=\"").append(a == p ? "diag" : counts[a][p] > 0 ? "off" : "").append("\">")
            .append(counts[a][p]).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
