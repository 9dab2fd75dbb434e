package dev.rookery.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.stats.AtomicFiles;
import dev.rookery.ml.stats.Constraints;
import dev.rookery.ml.stats.ConstraintsJson;
import dev.rookery.ml.stats.DatasetStatistics;
import dev.rookery.ml.stats.FeatureStatistics;
import dev.rookery.ml.stats.NumericFeatureStatistics;
import dev.rookery.ml.stats.StatisticsJson;
import dev.rookery.ml.stats.StatsJsonException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The drift monitor: one run over one window of captured traffic.
 *
 * <pre>{@code
 * MonitorResult result = DriftMonitor.run(request);
 * result.violations().forEach(System.out::println);
 * }</pre>
 *
 * <p>Writes into {@code outputPath}: {@code statistics.json} (the window, same writer as the
 * baseline), {@code constraints.json} (suggested from the window, as Model Monitor does),
 * {@code constraint_violations.json}, {@code report.html} and {@code cloudwatch_metrics.json};
 * and, when the request says so, one BYOC metric file per metric. Nothing is written when the run
 * fails.
 */
public final class DriftMonitor {
  /** File name of the violations. */
  public static final String VIOLATIONS_FILE = "constraint_violations.json";

  /** File name of the HTML report. */
  public static final String REPORT_FILE = "report.html";

  private static final System.Logger LOG = System.getLogger(DriftMonitor.class.getName());
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DriftMonitor() {}

  /**
   * Runs the monitor.
   *
   * @throws MonitorException when a baseline file cannot be read, the capture folder is missing,
   *     every capture line is malformed, or an output cannot be written
   */
  public static MonitorResult run(MonitorRequest request) {
    DatasetStatistics baseline;
    Constraints constraints;
    try {
      baseline = StatisticsJson.read(request.baseline().statistics());
      constraints = ConstraintsJson.read(request.baseline().constraints());
    } catch (StatsJsonException e) {
      throw new MonitorException("cannot use the baseline: " + e.getMessage(), e);
    }
    List<Feature> features = new ArrayList<>();
    for (FeatureStatistics f : baseline.features()) {
      features.add(new Feature(f.name(),
          f instanceof NumericFeatureStatistics ? FeatureType.NUMERIC : FeatureType.CATEGORICAL));
    }

    WindowObserver window = new WindowObserver(features);
    new CaptureReader(baseline.featureNames(), request).readAll(window);
    LineCounts lines = window.lineCounts();
    if (lines.lines() > 0 && lines.malformed() == lines.lines()) {
      throw new MonitorException("every one of the " + lines.lines()
          + " capture lines under " + request.datasetSource() + " is malformed; the first: "
          + String.join(" | ", lines.malformedExamples()));
    }
    if (lines.malformed() > 0) {
      LOG.log(Level.WARNING, "{0} of {1} capture lines are malformed and were skipped; the first: {2}",
          lines.malformed(), lines.lines(), String.join(" | ", lines.malformedExamples()));
    }

    DatasetStatistics current = window.statistics();
    if (current.itemCount() == 0) {
      LOG.log(Level.INFO, "no record under {0}, {1} ({2} lines outside it): nothing to compare",
          request.datasetSource(), request.window().describe(), window.outOfWindow());
    }
    ConstraintChecker.Outcome outcome = ConstraintChecker.check(
        baseline, constraints, current, window.extraFields(), window.misalignedByWidth());
    List<CloudWatchMetrics.Metric> metrics =
        CloudWatchMetrics.of(current, outcome.drifts(), outcome.violations().size());
    Findings findings = new Findings(current, outcome.drifts(), outcome.violations(), window.predictions(),
        new Findings.CaptureCounts(lines.lines(), window.outOfWindow(), lines.malformed(), lines.malformedExamples()));

    Path out = request.outputPath();
    Path statisticsFile = out.resolve(StatisticsJson.FILE_NAME);
    Path violationsFile = out.resolve(VIOLATIONS_FILE);
    Path reportFile = out.resolve(REPORT_FILE);
    List<Path> published = List.of();
    try {
      Files.createDirectories(out);
      StatisticsJson.write(current, statisticsFile);
      ConstraintsJson.write(Constraints.suggest(current), out.resolve(ConstraintsJson.FILE_NAME));
      AtomicFiles.writeJson(violationsFile, violationsJson(outcome.violations()));
      AtomicFiles.writeString(reportFile, ReportWriter.render(new ReportWriter.Content(request, baseline, constraints, findings)));
      CloudWatchMetrics.writeCombined(metrics, request);
      if (request.metrics().publishesByoc() && constraints.monitoringConfig().emitMetrics()) {
        published = CloudWatchMetrics.writeByoc(metrics, request);
      }
    } catch (IOException e) {
      throw new MonitorException("cannot write the monitor outputs to " + out + ": " + e.getMessage(), e);
    }
    LOG.log(Level.INFO, "analysed {0} records ({1} malformed lines, {2} outside the window): {3} violations; wrote {4}",
        current.itemCount(), lines.malformed(), window.outOfWindow(), outcome.violations().size(), out);
    return new MonitorResult(out, published, findings);
  }

  /** {@code {"violations": [{"feature_name", "constraint_check_type", "description"}]}}. */
  static ObjectNode violationsJson(List<Violation> violations) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("violations");
    for (Violation v : violations) {
      list.addObject()
          .put("feature_name", v.featureName())
          .put("constraint_check_type", v.checkType().wireName())
          .put("description", v.description());
    }
    return root;
  }
}
