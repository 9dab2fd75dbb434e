package dev.rookery.report;

import dev.rookery.ml.stats.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One self-contained HTML page for a Rookery report: one {@code <style>} block, no script, no
 * font, image or stylesheet fetched, so it opens offline and from a file. Text given to it is
 * escaped; only {@link #chart} (an {@code <svg>} from {@link Charts}), {@link #html} and
 * {@link #style} take markup, which must come from code, never from data.
 *
 * <pre>{@code
 * HtmlPage page = new HtmlPage("Evaluation report").subtitle("run 20261203-1300-abc");
 * page.section("Confusion matrix").chart(Charts.heatmap(...));
 * page.table("per-class", "Per class", List.of("class", "precision"), rows);
 * page.write(Path.of("evaluation.html"));
 * }</pre>
 *
 * <p>Stable hooks: the page's {@code <h1>} is the title; each {@link #section} is a
 * {@code <section>} with its {@code <h2>}; charts sit in {@code figure.chart}, side by side in
 * {@code div.charts}; tables are {@code table#id} with a {@code <caption>}, whose rows start with a
 * {@code <th>} (the row's name) followed by {@code <td>} cells.
 */
public final class HtmlPage {
  private static final String BASE_CSS = """
      body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1f2933;background:#fff}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}
      h3{font-size:15px;margin:0 0 6px}.muted{color:#627d98;font-size:13px}.ok{color:#2f8132}.bad{color:#c62828}
      table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #d9e2ec;padding:4px 8px;vertical-align:top}
      td{text-align:right}th{background:#f0f4f8;text-align:left}caption{text-align:left;font-weight:600;padding:4px 0}
      figure.chart{margin:8px 16px 8px 0}.charts{display:flex;flex-wrap:wrap;align-items:flex-start}svg.chart{max-width:100%;height:auto}
      """;

  private final String title;
  private final StringBuilder css = new StringBuilder(BASE_CSS);
  private final StringBuilder body = new StringBuilder(8192);
  private boolean sectionOpen;

  /**
   * @param title the document's {@code <title>} and its {@code <h1>}
   */
  public HtmlPage(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  /** Adds CSS rules for this page's own markup (code, not data). */
  public HtmlPage style(String rules) {
    css.append(rules).append(rules.endsWith("\n") ? "" : "\n");
    return this;
  }

  /** A muted line under the title (run id, dataset). */
  public HtmlPage subtitle(String text) {
    body.append("<p class=\"muted subtitle\">").append(escape(text)).append("</p>\n");
    return this;
  }

  /** Starts a {@code <section>} headed {@code <h2>heading</h2>}; the previous one ends here. */
  public HtmlPage section(String heading) {
    closeSection();
    body.append("<section>\n<h2>").append(escape(heading)).append("</h2>\n");
    sectionOpen = true;
    return this;
  }

  /** A paragraph of text. */
  public HtmlPage paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** One chart from {@link Charts}, in a {@code figure.chart}. */
  public HtmlPage chart(String svg) {
    body.append("<figure class=\"chart\">\n").append(svg).append("</figure>\n");
    return this;
  }

  /** Charts side by side (wrapping), in a {@code div.charts}. */
  public HtmlPage charts(List<String> svgs) {
    body.append("<div class=\"charts\">\n");
    svgs.forEach(this::chart);
    body.append("</div>\n");
    return this;
  }

  /**
   * A table: the accessible text form of a chart, or data in its own right.
   *
   * @param id the table's {@code id} (a stable hook; code, not data)
   * @param caption what the table shows
   * @param header column names
   * @param rows cells, each row as long as the header; the first cell is the row's name
   *     ({@code <th>}), the others {@code <td>}
   */
  public HtmlPage table(String id, String caption, List<String> header, List<List<String>> rows) {
    body.append("<table id=\"").append(escape(id)).append("\"><caption>").append(escape(caption))
        .append("</caption>\n<tr>");
    header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr>\n");
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("table " + id + ": row " + r + " has " + row.size() + " cells for "
            + header.size() + " columns");
      }
      body.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        String tag = c == 0 ? "th" : "td";
        body.append('<').append(tag).append('>').append(escape(row.get(c))).append("</").append(tag).append('>');
      }
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /** Markup this page's code writes itself; anything from data in it must go through {@link #escape}. */
  public HtmlPage html(String markup) {
    body.append(markup);
    return this;
  }

  /** The whole document (the page can still grow after). */
  public String render() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>" + escape(title)
        + "</title>\n<style>\n" + css + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body
        + (sectionOpen ? "</section>\n" : "") + "</body>\n</html>\n";
  }

  /** Writes {@link #render()} as UTF-8; the file appears whole or not at all. */
  public void write(Path file) throws IOException {
    AtomicFiles.writeString(file, render());
  }

  /** Escapes text for HTML (and SVG/XML) element content and attribute values; {@code null} is empty. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab and newlines are not allowed in XML; a label keeps its place.
          out.append(ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' ? '\uFFFD' : ch);
        }
      }
    }
    return out.toString();
  }

  private void closeSection() {
    if (sectionOpen) {
      body.append("</section>\n");
      sectionOpen = false;
    }
  }
}
