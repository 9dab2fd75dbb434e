package dev.rookery.monitor;

import dev.rookery.ml.stats.CategoricalBucket;
import dev.rookery.ml.stats.ComparisonMethod;
import dev.rookery.ml.stats.Constraints;
import dev.rookery.ml.stats.DatasetStatistics;
import dev.rookery.ml.stats.FeatureStatistics;
import dev.rookery.ml.stats.KllBucket;
import dev.rookery.ml.stats.NumericFeatureStatistics;
import dev.rookery.ml.stats.StringFeatureStatistics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS and SVG, no script, no font or
 * image fetched) with, per feature, the baseline and window distributions side by side, the drift
 * distance against its threshold and the method; the violations table; the predictions per class;
 * and the first malformed capture lines.
 *
 * <p>Stable hooks for tests and tools: each feature is a {@code section.feature} with
 * {@code data-feature}, holding an {@code svg.chart}; the violations are {@code table#violations}
 * rows with {@code data-check}; predictions are {@code table#predictions}.
 */
public final class ReportWriter {
  private static final int BAR_AREA_HEIGHT = 140;

  private ReportWriter() {}

  /** What the report shows. */
  public record Content(MonitorRequest request, DatasetStatistics baseline, Constraints constraints, Findings findings) {}

  /** The page. */
  public static String render(Content c) {
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Rookery drift report: ").append(esc(c.request().metrics().endpointName())).append("</title>\n")
        .append("<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1f2933;background:#fff}\n")
        .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}\n")
        .append("h3{font-size:15px;margin:0 0 6px}.muted{color:#627d98;font-size:13px}\n")
        .append(".summary{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.card{border:1px solid #d9e2ec;border-radius:6px;padding:8px 12px;min-width:120px}\n")
        .append(".card b{display:block;font-size:20px}.ok{color:#2f8132}.bad{color:#c62828}\n")
        .append(".features{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}\n")
        .append(".feature{border:1px solid #d9e2ec;border-radius:6px;padding:10px}.feature.drifted{border-color:#c62828}\n")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #d9e2ec;padding:4px 8px;text-align:left;vertical-align:top}\n")
        .append("th{background:#f0f4f8}.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}\n")
        .append(".b{fill:#4a90d9;background:#4a90d9}.c{fill:#f5a623;background:#f5a623}\n")
        .append("</style>\n</head>\n<body>\n");
    MonitorRequest r = c.request();
    h.append("<h1>Drift report</h1>\n<div class=\"muted\">Endpoint <b>").append(esc(r.metrics().endpointName()))
        .append("</b>, schedule <b>").append(esc(r.metrics().monitoringScheduleName())).append("</b>, window ")
        .append(esc(r.window().start() == null ? "(open)" : r.window().start().toString())).append(" to ")
        .append(esc(r.window().end() == null ? "(open)" : r.window().end().toString())).append("</div>\n");
    h.append("<div class=\"summary\">")
        .append(card("Records analysed", String.valueOf(c.findings().statistics().itemCount()), null))
        .append(card("Capture lines", String.valueOf(c.findings().capture().lines()), null))
        .append(card("Outside the window", String.valueOf(c.findings().capture().outOfWindow()), null))
        .append(card("Malformed lines", String.valueOf(c.findings().capture().malformed()), c.findings().capture().malformed() == 0 ? "ok" : "bad"))
        .append(card("Violations", String.valueOf(c.findings().violations().size()), c.findings().violations().isEmpty() ? "ok" : "bad"))
        .append("</div>\n");
    if (c.findings().statistics().itemCount() == 0) {
      h.append("<p id=\"empty-window\">No record in this window: nothing to compare, no violation.</p>\n");
    }

    DistributionMethodNote.append(h, c.constraints());

    h.append("<h2>Violations</h2>\n<table id=\"violations\">\n<tr><th>Feature</th><th>Check</th><th>Description</th></tr>\n");
    for (Violation v : c.findings().violations()) {
      h.append("<tr data-check=\"").append(v.checkType().wireName()).append("\" data-feature=\"")
          .append(esc(v.featureName())).append("\"><td>").append(esc(v.featureName())).append("</td><td>")
          .append(v.checkType().wireName()).append("</td><td>").append(esc(v.description())).append("</td></tr>\n");
    }
    if (c.findings().violations().isEmpty()) {
      h.append("<tr class=\"none\"><td colspan=\"3\">No violation.</td></tr>\n");
    }
    h.append("</table>\n");

    h.append("<h2>Features</h2>\n<div class=\"legend muted\"><span class=\"b\"></span>baseline<span class=\"c\"></span>current window (share of values)</div>\n<div class=\"features\">\n");
    for (FeatureStatistics base : c.baseline().features()) {
      FeatureStatistics cur = c.findings().statistics().feature(base.name()).orElse(null);
      FeatureDrift drift = c.findings().drifts().stream().filter(d -> d.featureName().equals(base.name())).findFirst().orElse(null);
      feature(h, base, cur, drift);
    }
    h.append("</div>\n");

    h.append("<h2>Predictions per class</h2>\n<table id=\"predictions\">\n<tr><th>Class</th><th>Count</th></tr>\n");
    c.findings().predictionCounts().forEach((label, count) -> h.append("<tr><td>").append(esc(label)).append("</td><td>")
        .append(count).append("</td></tr>\n"));
    if (c.findings().predictionCounts().isEmpty()) {
      h.append("<tr><td colspan=\"2\">No prediction captured.</td></tr>\n");
    }
    h.append("</table>\n");

    if (!c.findings().capture().malformedExamples().isEmpty()) {
      h.append("<h2>Malformed capture lines</h2>\n<p class=\"muted\">").append(c.findings().capture().malformed())
          .append(" lines could not be read; the first ones:</p>\n<ul id=\"malformed\">\n");
      c.findings().capture().malformedExamples().forEach(e -> h.append("<li><code>").append(esc(e)).append("</code></li>\n"));
      h.append("</ul>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** Explains the drift method once, at the top. */
  private static final class DistributionMethodNote {
    static void append(StringBuilder h, Constraints constraints) {
      var d = constraints.monitoringConfig().distributionConstraints();
      h.append("<p class=\"muted\" id=\"method\">Drift: L-infinity distance between the baseline and current ")
          .append("CDFs (numeric features, from KLL sketches, evaluated at every retained value) or category ")
          .append("frequencies (categorical features). Comparison method <b>").append(d.comparisonMethod().wireName())
          .append("</b>");
      if (d.comparisonMethod() == ComparisonMethod.ROBUST) {
        h.append(": the distance minus the two-sample Kolmogorov-Smirnov critical value at 5 %, so that the ")
            .append("sampling noise of a small window is not reported as drift");
      }
      h.append(". Thresholds: numeric ").append(ConstraintChecker.number(d.comparisonThreshold()))
          .append(", categorical ").append(ConstraintChecker.number(d.categoricalComparisonThreshold()))
          .append(".</p>\n");
    }
  }

  private static void feature(StringBuilder h, FeatureStatistics base, FeatureStatistics cur, FeatureDrift drift) {
    boolean drifted = drift != null && drift.drifted();
    h.append("<section class=\"feature").append(drifted ? " drifted" : "").append("\" data-feature=\"")
        .append(esc(base.name())).append("\">\n<h3>").append(esc(base.name())).append(" <span class=\"muted\">")
        .append(base.inferredType().wireName()).append("</span></h3>\n");
    List<String> labels = new ArrayList<>();
    List<double[]> shares = new ArrayList<>();
    if (base instanceof NumericFeatureStatistics nb) {
      numericBars(nb, cur instanceof NumericFeatureStatistics nc ? nc : null, labels, shares);
    } else {
      categoricalBars((StringFeatureStatistics) base, cur instanceof StringFeatureStatistics sc ? sc : null, labels, shares);
    }
    svg(h, base.name(), labels, shares);
    h.append("<div class=\"muted\">");
    if (drift == null) {
      h.append("Drift: not computed (no value in the window).");
    } else {
      h.append("Drift distance <b class=\"").append(drifted ? "bad" : "ok").append("\">")
          .append(ConstraintChecker.number(drift.distance())).append("</b> vs threshold ")
          .append(ConstraintChecker.number(drift.threshold())).append(" &middot; method ")
          .append(drift.method().wireName()).append(" &middot; L&infin; ")
          .append(ConstraintChecker.number(drift.linfDistance())).append(" &middot; KS critical ")
          .append(ConstraintChecker.number(drift.ksCriticalValue())).append(" &middot; n=")
          .append(drift.sizes().baseline()).append(" / m=").append(drift.sizes().current());
    }
    if (cur != null) {
      h.append("<br>Completeness ").append(ConstraintChecker.percent(cur.completeness()))
          .append(" (baseline ").append(ConstraintChecker.percent(base.completeness())).append(")");
    }
    h.append("</div>\n</section>\n");
  }

  private static void numericBars(
      NumericFeatureStatistics base, NumericFeatureStatistics cur, List<String> labels, List<double[]> shares) {
    List<KllBucket> buckets = base.distribution().buckets();
    if (buckets.isEmpty()) {
      return;
    }
    double baseTotal = buckets.stream().mapToDouble(KllBucket::count).sum();
    // The window's shares on the baseline's bucket edges, plus what falls outside them.
    double[] edges = new double[buckets.size() + 1];
    edges[0] = Math.nextDown(buckets.get(0).lowerBound());
    for (int i = 0; i < buckets.size(); i++) {
      edges[i + 1] = buckets.get(i).upperBound();
    }
    double[] cdf = cur == null || cur.distribution().sketch().isEmpty() ? null : cur.distribution().sketch().cdf(edges);
    if (cdf != null && cdf[0] > 0) {
      labels.add("< " + fmt(buckets.get(0).lowerBound()));
      shares.add(new double[] {0, cdf[0]});
    }
    for (int i = 0; i < buckets.size(); i++) {
      KllBucket b = buckets.get(i);
      labels.add(fmt(b.lowerBound()) + "-" + fmt(b.upperBound()));
      shares.add(new double[] {baseTotal == 0 ? 0 : b.count() / baseTotal, cdf == null ? 0 : cdf[i + 1] - cdf[i]});
    }
    if (cdf != null && cdf[cdf.length - 1] < 1) {
      labels.add("> " + fmt(buckets.get(buckets.size() - 1).upperBound()));
      shares.add(new double[] {0, 1 - cdf[cdf.length - 1]});
    }
  }

  private static void categoricalBars(
      StringFeatureStatistics base, StringFeatureStatistics cur, List<String> labels, List<double[]> shares) {
    Set<String> categories = new LinkedHashSet<>();
    base.buckets().forEach(b -> categories.add(b.value()));
    if (cur != null) {
      cur.buckets().forEach(b -> categories.add(b.value()));
    }
    long n = base.buckets().stream().mapToLong(CategoricalBucket::count).sum();
    long m = cur == null ? 0 : cur.buckets().stream().mapToLong(CategoricalBucket::count).sum();
    int shown = 0;
    for (String c : categories) {
      if (shown++ == 20) {
        break; // a readable chart; the statistics file has every category
      }
      labels.add(c);
      shares.add(new double[] {n == 0 ? 0 : (double) base.countOf(c) / n, m == 0 ? 0 : (double) cur.countOf(c) / m});
    }
  }

  private static void svg(StringBuilder h, String feature, List<String> labels, List<double[]> shares) {
    int groups = Math.max(1, labels.size());
    int groupWidth = Math.max(36, 520 / groups);
    int width = groupWidth * groups + 40;
    int height = BAR_AREA_HEIGHT + 60;
    double max = 0;
    for (double[] s : shares) {
      max = Math.max(max, Math.max(s[0], s[1]));
    }
    double scale = max == 0 ? 0 : BAR_AREA_HEIGHT / max;
    h.append("<svg class=\"chart\" data-feature=\"").append(esc(feature)).append("\" role=\"img\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>").append(esc(feature))
        .append(": baseline vs current</title>\n")
        .append("<line x1=\"30\" y1=\"").append(BAR_AREA_HEIGHT + 10).append("\" x2=\"").append(width)
        .append("\" y2=\"").append(BAR_AREA_HEIGHT + 10).append("\" stroke=\"#9fb3c8\"/>\n");
    for (int i = 0; i < labels.size(); i++) {
      double[] s = shares.get(i);
      int x = 34 + i * groupWidth;
      int barWidth = (groupWidth - 8) / 2;
      bar(h, "b", x, barWidth, s[0], scale);
      bar(h, "c", x + barWidth, barWidth, s[1], scale);
      h.append("<text x=\"").append(x + barWidth).append("\" y=\"").append(BAR_AREA_HEIGHT + 24)
          .append("\" font-size=\"9\" text-anchor=\"middle\" fill=\"#486581\">").append(esc(shorten(labels.get(i))))
          .append("</text>\n");
    }
    h.append("<text x=\"2\" y=\"16\" font-size=\"9\" fill=\"#486581\">")
        .append(String.format(Locale.ROOT, "%.0f%%", max * 100)).append("</text>\n</svg>\n");
  }

  private static void bar(StringBuilder h, String cls, int x, int w, double share, double scale) {
    int bh = (int) Math.round(share * scale);
    h.append("<rect class=\"").append(cls).append("\" x=\"").append(x).append("\" y=\"")
        .append(BAR_AREA_HEIGHT + 10 - bh).append("\" width=\"").append(w).append("\" height=\"").append(bh)
        .append("\"><title>").append(String.format(Locale.ROOT, "%.1f%%", share * 100)).append("</title></rect>\n");
  }

  private static String card(String title, String value, String cls) {
    return "<div class=\"card\"><span class=\"muted\">" + esc(title) + "</span><b"
        + (cls == null ? "" : " class=\"" + cls + "\"") + ">" + esc(value) + "</b></div>";
  }

  private static String shorten(String s) {
    return s.length() <= 14 ? s : s.substring(0, 13) + "…";
  }

  private static String fmt(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString();
  }

  /** HTML-escapes text for element content and attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
