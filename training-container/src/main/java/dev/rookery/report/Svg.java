package dev.rookery.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * Writes one {@code <svg>} element: presentation attributes only (no CSS class is needed to draw
 * it, so a chart looks the same in any page), every text escaped, coordinates with one decimal.
 */
final class Svg {
  static final String FONT = "system-ui,-apple-system,'Segoe UI',sans-serif";
  static final String AXIS = "#9fb3c8";
  static final String INK = "#334e68";
  static final String GRID = "#e4e7eb";
  static final String THRESHOLD = "#c62828";

  private final StringBuilder b = new StringBuilder(4096);

  /** Opens the element with its accessible title (first child) and the same title drawn on top. */
  Svg(String kind, String title, double width, double height) {
    b.append("<svg class=\"chart chart-").append(kind).append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"")
        .append(" width=\"").append(num(width)).append("\" height=\"").append(num(height))
        .append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
        .append("\" font-family=\"").append(FONT).append("\" font-size=\"11\">\n<title>")
        .append(HtmlPage.escape(title)).append("</title>\n");
    text(8, 16, title, "start", "chart-title", "font-size=\"13\" font-weight=\"600\" fill=\"#1f2933\"");
  }

  Svg rect(double x, double y, double w, double h, String fill, String cls, String extra, String tooltip) {
    b.append("<rect class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
        .append("\" width=\"").append(num(Math.max(0, w))).append("\" height=\"").append(num(Math.max(0, h)))
        .append("\" fill=\"").append(fill).append('"');
    if (!extra.isEmpty()) {
      b.append(' ').append(extra);
    }
    return tooltip(tooltip, "rect");
  }

  Svg circle(double cx, double cy, double r, String fill, String cls, String extra, String tooltip) {
    b.append("<circle class=\"").append(cls).append("\" cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy))
        .append("\" r=\"").append(num(r)).append("\" fill=\"").append(fill).append('"');
    if (!extra.isEmpty()) {
      b.append(' ').append(extra);
    }
    return tooltip(tooltip, "circle");
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, String cls, boolean dashed) {
    b.append("<line class=\"").append(cls).append("\" x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1))
        .append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(stroke)
        .append(dashed ? "\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n" : "\"/>\n");
    return this;
  }

  Svg polyline(List<double[]> points, String stroke, String cls, String series) {
    b.append("<polyline class=\"").append(cls).append("\" data-series=\"").append(HtmlPage.escape(series))
        .append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"2\" points=\"");
    for (int i = 0; i < points.size(); i++) {
      b.append(i == 0 ? "" : " ").append(num(points.get(i)[0])).append(',').append(num(points.get(i)[1]));
    }
    b.append("\"/>\n");
    return this;
  }

  /** Text drawn at (x, y); {@code extra} is trusted attribute markup written by this package. */
  Svg text(double x, double y, String text, String anchor, String cls, String extra) {
    b.append("<text class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
        .append("\" text-anchor=\"").append(anchor).append('"');
    if (!extra.isEmpty()) {
      b.append(' ').append(extra);
    }
    b.append('>').append(HtmlPage.escape(text)).append("</text>\n");
    return this;
  }

  /** A legend entry: a swatch and the name, returns the x after it. */
  double legend(double x, double y, String name, String colour) {
    rect(x, y - 9, 10, 10, colour, "legend-swatch", "", null);
    text(x + 14, y, name, "start", "legend", "fill=\"" + INK + "\"");
    return x + 14 + 7 * name.length() + 14;
  }

  String close() {
    return b.append("</svg>\n").toString();
  }

  private Svg tooltip(String tooltip, String element) {
    if (tooltip == null) {
      b.append("/>\n");
    } else {
      b.append("><title>").append(HtmlPage.escape(tooltip)).append("</title></").append(element).append(">\n");
    }
    return this;
  }

  /** A coordinate: one decimal, no trailing ".0", never "-0". */
  static String num(double v) {
    double r = Math.round(v * 10) / 10.0;
    if (r == 0) {
      return "0";
    }
    return r == Math.rint(r) ? String.valueOf((long) r) : String.format(Locale.ROOT, "%.1f", r);
  }

  /** A data value for people: four significant digits, plain notation. */
  static String value(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0";
    }
    if (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e7) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** Cuts a label to {@code max} characters, with an ellipsis. */
  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
  }
}
