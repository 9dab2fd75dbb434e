package dev.rookery.monitor;

import static dev.rookery.report.HtmlPage.escape;

import dev.rookery.ml.stats.CategoricalBucket;
import dev.rookery.ml.stats.ComparisonMethod;
import dev.rookery.ml.stats.Constraints;
import dev.rookery.ml.stats.DatasetStatistics;
import dev.rookery.ml.stats.FeatureStatistics;
import dev.rookery.ml.stats.KllBucket;
import dev.rookery.ml.stats.NumericFeatureStatistics;
import dev.rookery.ml.stats.StringFeatureStatistics;
import dev.rookery.report.Charts;
import dev.rookery.report.HtmlPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
  private ReportWriter() {}

  /** What the report shows. */
  public record Content(MonitorRequest request, DatasetStatistics baseline, Constraints constraints, Findings findings) {}

  /** The page. */
  public static String render(Content c) {
    HtmlPage page = new HtmlPage("Drift report: " + c.request().metrics().endpointName()).style("""
        .summary{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.card{border:1px solid #d9e2ec;border-radius:6px;padding:8px 12px;min-width:120px}
        .card b{display:block;font-size:20px}
        .features{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
        .feature{border:1px solid #d9e2ec;border-radius:6px;padding:10px}.feature.drifted{border-color:#c62828}
        #violations td,#predictions td{text-align:left}
        """);
    StringBuilder h = new StringBuilder(32_768);
    MonitorRequest r = c.request();
    h.append("<div class=\"muted\">Endpoint <b>").append(escape(r.metrics().endpointName()))
        .append("</b>, schedule <b>").append(escape(r.metrics().monitoringScheduleName())).append("</b>, window ")
        .append(escape(r.window().start() == null ? "(open)" : r.window().start().toString())).append(" to ")
        .append(escape(r.window().end() == null ? "(open)" : r.window().end().toString())).append("</div>\n");
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
          .append(escape(v.featureName())).append("\"><td>").append(escape(v.featureName())).append("</td><td>")
          .append(v.checkType().wireName()).append("</td><td>").append(escape(v.description())).append("</td></tr>\n");
    }
    if (c.findings().violations().isEmpty()) {
      h.append("<tr class=\"none\"><td colspan=\"3\">No violation.</td></tr>\n");
    }
    h.append("</table>\n");

    h.append("<h2>Features</h2>\n<p class=\"muted\">Share of values per bucket (numeric) or category, baseline against the current window.</p>\n<div class=\"features\">\n");
    for (FeatureStatistics base : c.baseline().features()) {
      FeatureStatistics cur = c.findings().statistics().feature(base.name()).orElse(null);
      FeatureDrift drift = c.findings().drifts().stream().filter(d -> d.featureName().equals(base.name())).findFirst().orElse(null);
      feature(h, base, cur, drift);
    }
    h.append("</div>\n");

    h.append("<h2>Predictions per class</h2>\n<table id=\"predictions\">\n<tr><th>Class</th><th>Count</th></tr>\n");
    c.findings().predictionCounts().forEach((label, count) -> h.append("<tr><td>").append(escape(label)).append("</td><td>")
        .append(count).append("</td></tr>\n"));
    if (c.findings().predictionCounts().isEmpty()) {
      h.append("<tr><td colspan=\"2\">No prediction captured.</td></tr>\n");
    }
    h.append("</table>\n");

    if (!c.findings().capture().malformedExamples().isEmpty()) {
      h.append("<h2>Malformed capture lines</h2>\n<p class=\"muted\">").append(c.findings().capture().malformed())
          .append(" lines could not be read; the first ones:</p>\n<ul id=\"malformed\">\n");
      c.findings().capture().malformedExamples().forEach(e -> h.append("<li><code>").append(escape(e)).append("</code></li>\n"));
      h.append("</ul>\n");
    }
    return page.html(h.toString()).render();
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
        .append(escape(base.name())).append("\">\n<h3>").append(escape(base.name())).append(" <span class=\"muted\">")
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

  /** Baseline and window shares side by side, on an axis from 0 to the largest share rounded up to 10 %. */
  private static void svg(StringBuilder h, String feature, List<String> labels, List<double[]> shares) {
    LinkedHashMap<String, double[]> series = new LinkedHashMap<>();
    series.put("baseline", shares.stream().mapToDouble(s -> s[0]).toArray());
    series.put("current window", shares.stream().mapToDouble(s -> s[1]).toArray());
    double max = shares.stream().mapToDouble(s -> Math.max(s[0], s[1])).max().orElse(0);
    h.append(Charts.groupedBars(feature + ": baseline vs current", labels, series, 0,
        Math.max(0.1, Math.ceil(max * 10) / 10)));
  }

  private static String card(String title, String value, String cls) {
    return "<div class=\"card\"><span class=\"muted\">" + escape(title) + "</span><b"
        + (cls == null ? "" : " class=\"" + cls + "\"") + ">" + escape(value) + "</b></div>";
  }

  private static String fmt(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString();
  }
}
