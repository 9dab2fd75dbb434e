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
 * @param baseline what the window is compared with
 * @param window which inference times are analysed
 * @param metrics the CloudWatch metrics' dimensions and timestamp, and where BYOC metric files go
 */
public record MonitorRequest(Path datasetSource, Path outputPath, Baseline baseline, TimeWindow window, Metrics metrics) {

  public MonitorRequest {
    Objects.requireNonNull(datasetSource, "datasetSource");
    Objects.requireNonNull(outputPath, "outputPath");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * The baseline files ({@code baseline_statistics}, {@code baseline_constraints}).
   *
   * @param statistics the baseline {@code statistics.json}
   * @param constraints the baseline {@code constraints.json}
   */
  public record Baseline(Path statistics, Path constraints) {
    public Baseline {
      Objects.requireNonNull(statistics, "statistics");
      Objects.requireNonNull(constraints, "constraints");
    }
  }

  /**
   * The inference times analysed ({@code start_time}, {@code end_time}).
   *
   * @param start first inference time in the window (inclusive), or null for no lower bound
   * @param end end of the window (exclusive), or null for no upper bound
   */
  public record TimeWindow(Instant start, Instant end) {
    /** Every record, whatever its time. */
    public static final TimeWindow ALL = new TimeWindow(null, null);

    public TimeWindow {
      if (start != null && end != null && !start.isBefore(end)) {
        throw new IllegalArgumentException(
            "start_time must be before end_time, found start_time=" + start + " end_time=" + end);
      }
    }

    /** Whether the window has a bound, so records need an inference time. */
    public boolean bounded() {
      return start != null || end != null;
    }

    /** Whether an inference time falls in the window. */
    public boolean contains(Instant t) {
      return (start == null || !t.isBefore(start)) && (end == null || t.isBefore(end));
    }

    /**
     * The window in words, for logs: {@code the window A .. B}, {@code the window from A (no end)},
     * {@code the window before B (no start)}, or {@code no time window (all records)}.
     */
    public String describe() {
      if (start == null && end == null) {
        return "no time window (all records)";
      }
      if (end == null) {
        return "the window from " + start + " (no end)";
      }
      return start == null ? "the window before " + end + " (no start)" : "the window " + start + " .. " + end;
    }
  }

  /**
   * The CloudWatch metrics of the run.
   *
   * @param endpointName value of the {@code Endpoint} metric dimension, never blank
   * @param monitoringScheduleName value of the {@code MonitoringSchedule} metric dimension, never blank
   * @param timestamp the timestamp of every metric: the window end when set, else the run time
   * @param byocDir where to also write one BYOC metric file per metric
   *     ({@code $ROOKERY_OPT_ML/output/metrics/cloudwatch}), or null to write none
   *     ({@code publish_cloudwatch_metrics} Disabled)
   */
  public record Metrics(String endpointName, String monitoringScheduleName, Instant timestamp, Path byocDir) {
    public Metrics {
      if (endpointName == null || endpointName.isBlank()) {
        throw new IllegalArgumentException("endpointName must not be blank, found '" + endpointName + "'");
      }
      if (monitoringScheduleName == null || monitoringScheduleName.isBlank()) {
        throw new IllegalArgumentException(
            "monitoringScheduleName must not be blank, found '" + monitoringScheduleName + "'");
      }
      Objects.requireNonNull(timestamp, "timestamp");
    }

    /** Whether BYOC metric files are asked for. */
    public boolean publishesByoc() {
      return byocDir != null;
    }
  }
}
