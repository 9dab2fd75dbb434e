package dev.rookery.monitor;

import dev.rookery.ml.stats.StatisticsJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a monitoring run found and wrote.
 *
 * @param outputPath the folder written: {@code statistics.json}, {@code constraints.json},
 *     {@code constraint_violations.json}, {@code report.html}, {@code cloudwatch_metrics.json}
 * @param publishedMetricFiles the BYOC metric files written (empty unless publishing is enabled)
 * @param findings what the window held
 */
public record MonitorResult(Path outputPath, List<Path> publishedMetricFiles, Findings findings) {

  public MonitorResult {
    Objects.requireNonNull(outputPath, "outputPath");
    publishedMetricFiles = List.copyOf(publishedMetricFiles);
    Objects.requireNonNull(findings, "findings");
  }

  /** The window's {@code statistics.json}. */
  public Path statisticsFile() {
    return outputPath.resolve(StatisticsJson.FILE_NAME);
  }

  /** {@code constraint_violations.json}. */
  public Path violationsFile() {
    return outputPath.resolve(DriftMonitor.VIOLATIONS_FILE);
  }

  /** {@code report.html}. */
  public Path reportFile() {
    return outputPath.resolve(DriftMonitor.REPORT_FILE);
  }

  /** {@code cloudwatch_metrics.json}. */
  public Path cloudwatchMetricsFile() {
    return outputPath.resolve(CloudWatchMetrics.FILE_NAME);
  }

  /** Records analysed in the window. */
  public long itemCount() {
    return findings.statistics().itemCount();
  }

  /** Capture lines or records that could not be read. */
  public long malformedCount() {
    return findings.capture().malformed();
  }

  /** The violations, in check order. */
  public List<Violation> violations() {
    return findings.violations();
  }
}
