package dev.rookery.monitor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What one monitoring run analyses and where it writes: the BYOC environment of Model Monitor
 * ({@code dataset_source}, {@code output_path}, ...), as values.
 *
 * @param datasetSource folder of capture {@code *.jsonl} files, read recursively
 * @param outputPath folder for {@code statistics.json}, {@code constraint_violations.json},
 *     {@code report.html} and {@code cloudwatch_metrics.json}
 * @param baselineStatistics the baseline {@code statistics.json}
 * @param baselineConstraints the baseline {@code constraints.json}
 * @param publishCloudwatchMetrics whether to also write one BYOC metric file per metric into
 *     {@code cloudwatchMetricsDir}
 * @param cloudwatchMetricsDir {@code $ROOKERY_OPT_ML/output/metrics/cloudwatch}
 * @param endpointName value of the {@code Endpoint} metric dimension, never blank
 * @param monitoringScheduleName value of the {@code MonitoringSchedule} metric dimension, never blank
 * @param startTime first inference time in the window (inclusive), or null for no lower bound
 * @param endTime end of the window (exclusive), or null for no upper bound
 * @param metricTimestamp the timestamp of every metric: the window end when set, else the run time
 */
public record MonitorRequest(
    Path datasetSource,
    Path outputPath,
    Path baselineStatistics,
    Path baselineConstraints,
    boolean publishCloudwatchMetrics,
    Path cloudwatchMetricsDir,
    String endpointName,
    String monitoringScheduleName,
    Instant startTime,
    Instant endTime,
    Instant metricTimestamp) {

  public MonitorRequest {
    Objects.requireNonNull(datasetSource, "datasetSource");
    Objects.requireNonNull(outputPath, "outputPath");
    Objects.requireNonNull(baselineStatistics, "baselineStatistics");
    Objects.requireNonNull(baselineConstraints, "baselineConstraints");
    Objects.requireNonNull(cloudwatchMetricsDir, "cloudwatchMetricsDir");
    Objects.requireNonNull(metricTimestamp, "metricTimestamp");
    if (endpointName == null || endpointName.isBlank()) {
      throw new IllegalArgumentException("endpointName must not be blank, found '" + endpointName + "'");
    }
    if (monitoringScheduleName == null || monitoringScheduleName.isBlank()) {
      throw new IllegalArgumentException(
          "monitoringScheduleName must not be blank, found '" + monitoringScheduleName + "'");
    }
    if (startTime != null && endTime != null && !startTime.isBefore(endTime)) {
      throw new IllegalArgumentException(
          "start_time must be before end_time, found start_time=" + startTime + " end_time=" + endTime);
    }
  }

  /**
   * The window in words, for logs: {@code the window A .. B}, {@code the window from A (no end)},
   * {@code the window before B (no start)}, or {@code no time window (all records)}.
   */
  public String describeWindow() {
    if (startTime == null && endTime == null) {
      return "no time window (all records)";
    }
    if (endTime == null) {
      return "the window from " + startTime + " (no end)";
    }
    return startTime == null ? "the window before " + endTime + " (no start)" : "the window " + startTime + " .. " + endTime;
  }

  /** Whether an inference time falls in the window. */
  public boolean inWindow(Instant t) {
    return (startTime == null || !t.isBefore(startTime)) && (endTime == null || t.isBefore(endTime));
  }
}
