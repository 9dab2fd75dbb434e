package dev.rookery.metrics;

import java.math.BigDecimal;

/**
 * Writes Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): one {@code # HELP} and one
 * {@code # TYPE} line per family, then its samples. Escaping follows the format: in help text
 * backslash and newline, in label values also the double quote.
 *
 * <pre>{@code
 * PrometheusText text = new PrometheusText();
 * text.family("rookery_requests_total", "counter", "Requests answered.");
 * text.sample("rookery_requests_total", 42, "code", "200");
 * String body = text.toString();
 * }</pre>
 *
 * <p>Not thread-safe: build one per scrape or file.
 */
public final class PrometheusText {
  /** The {@code Content-Type} of the format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(4096);

  /**
   * Starts a metric family.
   *
   * @param name metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*})
   * @param type {@code counter}, {@code gauge} or {@code histogram}
   * @param help one line on what it counts
   * @throws IllegalArgumentException when the name or type is not valid in the format
   */
  public PrometheusText family(String name, String type, String help) {
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("metric name must match [a-zA-Z_:][a-zA-Z0-9_:]*, found '" + name + "'");
    }
    if (!type.equals("counter") && !type.equals("gauge") && !type.equals("histogram")) {
      throw new IllegalArgumentException("metric type must be counter, gauge or histogram, found '" + type + "'");
    }
    out.append("# HELP ").append(name).append(' ');
    escape(help, false);
    out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /**
   * One sample line.
   *
   * @param name the sample name (the family's, or with {@code _bucket}, {@code _sum}, {@code _count})
   * @param value the value
   * @param labels label name and value pairs
   */
  public PrometheusText sample(String name, double value, String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels must be name/value pairs, found " + labels.length + " strings");
    }
    out.append(name);
    if (labels.length > 0) {
      out.append('{');
      for (int i = 0; i < labels.length; i += 2) {
        if (i > 0) {
          out.append(',');
        }
        out.append(labels[i]).append("=\"");
        escape(labels[i + 1], true);
        out.append('"');
      }
      out.append('}');
    }
    out.append(' ').append(format(value)).append('\n');
    return this;
  }

  /** A value as the format writes it: integers without a fraction, {@code +Inf}, {@code NaN}. */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    double magnitude = Math.abs(value);
    // Plain notation where it is short (le="0.0005" rather than le="5.0E-4"); both parse.
    return magnitude >= 1e-4 && magnitude < 1e15
        ? new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString()
        : Double.toString(value);
  }

  private void escape(String s, boolean quote) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(quote ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
