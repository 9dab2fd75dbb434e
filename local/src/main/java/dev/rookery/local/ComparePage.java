package dev.rookery.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * {@code runs compare --html FILE}: the comparison as one self-contained page (inline CSS, no
 * script, no external resource): the runs' settings and metrics side by side, rows whose values
 * differ in class {@code differs}, the winner's column in class {@code winner}.
 */
final class ComparePage {
  private ComparePage() {}

  /** Writes the page whole or not at all. */
  static void write(RunComparison comparison, Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "compare-", ".html.tmp");
      try {
        Files.writeString(tmp, render(comparison), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CommandFailedException("cannot write the comparison page " + file + ": " + e.getMessage(), e);
    }
  }

  static String render(RunComparison c) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rookery runs compared</title>\n")
        .append("<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-variant-numeric:tabular-nums}")
        .append("tr.differs td,tr.differs th{background:#fff3cd}th.winner,td.winner{font-weight:bold;background:#d4edda}")
        .append("tr.differs td.winner{background:#c3e6cb}</style></head><body>\n")
        .append("<h1>Runs compared</h1>\n");
    h.append(String.format(Locale.ROOT, "<p class=\"winner\">winner: <b>%s</b> (test accuracy %.4f); %d of %d fields"
            + " differ (highlighted)</p>\n", RunComparison.html(c.winnerRun().record().runId()),
        c.winnerRun().record().testAccuracy(), c.differences().size(), c.rows().size()));
    h.append("<table>\n<tr><th>field</th>");
    for (int i = 0; i < c.runs().size(); i++) {
      h.append(i == c.winner() ? "<th class=\"winner\">" : "<th>")
          .append(RunComparison.html(c.runs().get(i).record().runId())).append("</th>");
    }
    h.append("</tr>\n");
    for (RunComparison.Row row : c.rows()) {
      h.append(row.differs() ? "<tr class=\"differs\">" : "<tr>").append("<th>")
          .append(RunComparison.html(row.name())).append("</th>");
      for (int i = 0; i < row.values().size(); i++) {
        h.append(i == c.winner() ? "<td class=\"winner\">" : "<td>")
            .append(RunComparison.html(row.values().get(i))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }
}
