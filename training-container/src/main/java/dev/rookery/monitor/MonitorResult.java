package dev.rookery.monitor;

import dev.rookery.ml.stats.DatasetStatistics;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a monitoring run found and wrote.
 *
 * @param statisticsFile the window's {@code statistics.json}
 * @param violationsFile {@code constraint_violations.json}
 * @param reportFile {@code report.html}
 * @param cloudwatchMetricsFile {@code cloudwatch_metrics.json}
 * @param publishedMetricFiles the BYOC metric files written (empty unless publishing is enabled)
 * @param itemCount records analysed in the window (records whose column count matched the baseline)
 * @param malformedCount capture lines or records that could not be read
 * @param violations the violations, in check order
 * @param drifts per-feature drift, in baseline feature order (empty for an empty window)
 * @param predictionCounts predicted label to count, from {@code endpointOutput}, sorted by label
 * @param statistics the window's statistics
 */
public record MonitorResult(
    Path statisticsFile,
    Path violationsFile,
    Path reportFile,
    Path cloudwatchMetricsFile,
    List<Path> publishedMetricFiles,
    long itemCount,
    long malformedCount,
    List<Violation> violations,
    List<FeatureDrift> drifts,
    Map<String, Long> predictionCounts,
    DatasetStatistics statistics) {

  public MonitorResult {
    Objects.requireNonNull(statisticsFile, "statisticsFile");
    Objects.requireNonNull(violationsFile, "violationsFile");
    Objects.requireNonNull(reportFile, "reportFile");
    Objects.requireNonNull(cloudwatchMetricsFile, "cloudwatchMetricsFile");
    Objects.requireNonNull(statistics, "statistics");
    publishedMetricFiles = List.copyOf(publishedMetricFiles);
    violations = List.copyOf(violations);
    drifts = List.copyOf(drifts);
    predictionCounts = Collections.unmodifiableSortedMap(new TreeMap<>(predictionCounts));
    if (itemCount < 0 || malformedCount < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, found itemCount=" + itemCount + " malformedCount=" + malformedCount);
    }
  }
}
