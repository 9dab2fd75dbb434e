package dev.rookery.monitor;

import dev.rookery.ml.evaluate.Evaluation;
import dev.rookery.ml.evaluate.ModelQualityFiles;
import dev.rookery.report.Charts;
import dev.rookery.report.ClassMetrics;
import dev.rookery.report.HtmlPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The model-quality job's {@code report.html}: the verdict, accuracy per hour of inference against
 * the baseline's accuracy and threshold, the window's confusion matrix and per-class precision,
 * recall and F1 as charts ({@link Charts}), then the join counts and the ground-truth problems.
 *
 * <p>Stable hooks (tested in headless Chromium): {@code p#verdict}, {@code table#violations},
 * {@code table#join}, {@code table#problems}, and the charts' own ({@code svg.chart-line},
 * {@code svg.chart-heatmap}, {@code svg.chart-bars}).
 */
final class QualityReport {
  private QualityReport() {}

  static String render(QualityRequest request, ModelQualityFiles.Constraints constraints, QualityResult result) {
    HtmlPage page = new HtmlPage("Model quality report");
    page.subtitle("endpoint " + request.metrics().endpointName() + ", schedule "
        + request.metrics().monitoringScheduleName() + ", " + request.window().describe());
    double threshold = constraints.accuracyThreshold();
    String verdict = result.notEnoughLabelsMessage().orElseGet(() -> String.format(Locale.ROOT,
        "accuracy %.4f on %d joined predictions, threshold %.4f: %s", result.evaluation().get().accuracy(),
        result.counts().labels().joined(), threshold,
        result.violations().isEmpty() ? "no violation" : result.violations().size() + " violation(s)"));
    page.html("<p id=\"verdict\">" + HtmlPage.escape(verdict) + "</p>\n");
    if (!result.violations().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      result.violations().forEach(v -> rows.add(List.of(v.metricName(), v.checkType(), v.description())));
      page.table("violations", "Violations", List.of("metric", "check", "description"), rows);
    }

    page.section("Accuracy over time");
    if (result.byHour().isEmpty()) {
      page.paragraph("No prediction in the window was joined to a label.");
    } else {
      List<String> hours = new ArrayList<>();
      double[] accuracy = new double[result.byHour().size()];
      double[] baseline = new double[accuracy.length];
      for (int i = 0; i < accuracy.length; i++) {
        QualityResult.HourAccuracy h = result.byHour().get(i);
        hours.add(h.hour().toString().replace(":00:00Z", "Z"));
        accuracy[i] = h.accuracy();
        baseline[i] = constraints.baselineAccuracy();
      }
      LinkedHashMap<String, double[]> series = new LinkedHashMap<>();
      series.put("accuracy (window, per hour)", accuracy);
      if (!Double.isNaN(constraints.baselineAccuracy())) {
        series.put("baseline accuracy (test split)", baseline);
      }
      page.chart(Charts.line("Accuracy per hour of inference", hours, series,
          Double.isNaN(threshold) ? OptionalDouble.empty() : OptionalDouble.of(threshold), "threshold"));
      List<List<String>> rows = new ArrayList<>();
      result.byHour().forEach(h -> rows.add(List.of(h.hour().toString(), Long.toString(h.joined()),
          String.format(Locale.ROOT, "%.4f", h.accuracy()))));
      page.table("by-hour", "Accuracy per hour", List.of("hour (UTC)", "joined", "accuracy"), rows);
    }

    if (result.evaluation().isPresent()) {
      Evaluation e = result.evaluation().get();
      page.section("Confusion matrix and per-class metrics");
      page.charts(ClassMetrics.of(e.classes(), e.confusion()).charts());
    }

    page.section("Join");
    QualityResult.LabelCounts l = result.counts().labels();
    QualityResult.CaptureCounts c = result.counts().capture();
    page.table("join", "Captured records and labels", List.of("count", "value"), List.of(
        List.of("captured records", Long.toString(c.records())),
        List.of("captured records in the window", Long.toString(c.inWindow())),
        List.of("capture lines malformed", Long.toString(c.malformed())),
        List.of("labels read", Long.toString(l.total())),
        List.of("labels joined", Long.toString(l.joined())),
        List.of("labels unmatched (no captured record has the id)", Long.toString(l.unmatched())),
        List.of("labels of an unknown class", Long.toString(l.unknownClass())),
        List.of("labels malformed", Long.toString(l.malformed())),
        List.of("labels of records outside the window", Long.toString(l.outsideWindow())),
        List.of("labels repeated for an id", Long.toString(l.duplicate())),
        List.of("labels of unscorable predictions", Long.toString(l.unjoinable()))));
    List<List<String>> problems = new ArrayList<>();
    l.problems().forEach(p -> problems.add(List.of(p)));
    c.malformedExamples().forEach(p -> problems.add(List.of(p)));
    if (!problems.isEmpty()) {
      page.table("problems", "First problems (file:line: reason)", List.of("problem"), problems);
    }
    return page.render();
  }
}
