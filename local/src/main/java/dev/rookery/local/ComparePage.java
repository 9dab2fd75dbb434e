package dev.rookery.local;

import dev.rookery.report.Charts;
import dev.rookery.report.HtmlPage;
import dev.rookery.runs.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code runs compare --html FILE}: the comparison as one self-contained page ({@link HtmlPage}:
 * inline CSS and SVG, no script, nothing fetched): test and best validation accuracy across the
 * runs with the gate's threshold ({@link Charts#line}), then the runs' settings and metrics side by
 * side, rows whose values differ in class {@code differs}, the winner's column in class
 * {@code winner}.
 */
final class ComparePage {
  private ComparePage() {}

  /** Writes the page whole or not at all. */
  static void write(RunComparison comparison, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      page(comparison).write(file);
    } catch (IOException e) {
      throw new CommandFailedException("cannot write the comparison page " + file + ": " + e.getMessage(), e);
    }
  }

  static HtmlPage page(RunComparison c) {
    List<RunRecord> records = c.runs().stream().map(Registry.IndexedRun::record).toList();
    RunRecord winner = c.winnerRun().record();
    HtmlPage page = new HtmlPage("Rookery runs compared")
        .style("tr.differs th,tr.differs td{background:#fff3cd}th.winner,td.winner{font-weight:700}"
            + "tr.differs td.winner{background:#ffe08a}td{text-align:left}")
        .subtitle(records.size() + " runs, " + c.differences().size() + " of " + c.rows().size() + " fields differ");
    page.html(String.format(Locale.ROOT, "<p class=\"winner\">winner: <b>%s</b> (test accuracy %.4f)%s</p>%n",
        HtmlPage.escape(winner.runId()), winner.testAccuracy(), c.tiedWithWinner().isEmpty() ? ""
            : HtmlPage.escape(", tied with " + String.join(", ", c.tiedWithWinner()) + " (the earlier run wins a tie)")));

    page.section("Accuracy across runs");
    LinkedHashMap<String, double[]> series = new LinkedHashMap<>();
    series.put("test accuracy", records.stream().mapToDouble(RunRecord::testAccuracy).toArray());
    series.put("best validation accuracy", records.stream().mapToDouble(r -> r.tuning().trials().stream()
        .flatMap(t -> t.validationAccuracy().stream()).max(Comparator.naturalOrder()).orElse(Double.NaN)).toArray());
    List<Double> thresholds = records.stream().flatMap(r -> r.gate().stream()).map(RunRecord.Gate::threshold)
        .distinct().toList();
    page.chart(Charts.line("Test and best validation accuracy by run",
        java.util.stream.IntStream.range(0, records.size()).mapToObj(i -> label(i, records.get(i))).toList(), series,
        thresholds.size() == 1 ? OptionalDouble.of(thresholds.get(0)) : OptionalDouble.empty(), "gate threshold"));

    page.section("Settings and metrics");
    StringBuilder t = new StringBuilder("<table id=\"compare\"><caption>every field; highlighted rows differ</caption>\n<tr><th>field</th>");
    for (int i = 0; i < records.size(); i++) {
      t.append(i == c.winner() ? "<th class=\"winner\">" : "<th>").append(HtmlPage.escape("#" + (i + 1) + " " + records.get(i).runId())).append("</th>");
    }
    t.append("</tr>\n");
    for (RunComparison.Row row : c.rows()) {
      t.append(row.differs() ? "<tr class=\"differs\">" : "<tr>").append("<th>").append(HtmlPage.escape(row.name())).append("</th>");
      for (int i = 0; i < row.values().size(); i++) {
        t.append(i == c.winner() ? "<td class=\"winner\">" : "<td>").append(HtmlPage.escape(row.values().get(i))).append("</td>");
      }
      t.append("</tr>\n");
    }
    return page.html(t.append("</table>\n").toString());
  }

  /** A chart label short enough to read: the run's number here and the end of its id (ids share their start). */
  private static String label(int index, RunRecord record) {
    String id = record.runId();
    return "#" + (index + 1) + " " + id.substring(Math.max(0, id.length() - 6));
  }
}
