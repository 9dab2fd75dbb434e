package dev.rookery.monitor;

import dev.rookery.metrics.PrometheusText;
import dev.rookery.ml.stats.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A monitoring run's drift in Prometheus text format, as a file for node_exporter's textfile
 * collector ({@code --collector.textfile.directory}; the file name must end in {@code .prom}):
 * the same values as the CloudWatch metrics ({@link CloudWatchMetrics}), as gauges labelled with
 * the endpoint and the feature. The file is replaced atomically (temporary sibling, then rename),
 * so the collector never reads half of it; no sample carries a timestamp, which the collector
 * refuses.
 *
 * <ul>
 *   <li>{@code rookery_monitor_feature_drift_distance{endpoint,feature}}: the decision distance
 *       ({@link FeatureDrift#distance()}, {@code feature_baseline_drift_<f>} in CloudWatch)
 *   <li>{@code rookery_monitor_feature_drift_threshold{endpoint,feature}}: the baseline's threshold
 *   <li>{@code rookery_monitor_constraint_violations{endpoint}}
 *   <li>{@code rookery_monitor_records_analysed{endpoint}}
 *   <li>{@code rookery_monitor_last_run_timestamp_seconds{endpoint}}
 * </ul>
 * An empty window has no distances, as in CloudWatch: only the last three are written.
 */
public final class PrometheusTextfile {
  private PrometheusTextfile() {}

  /**
   * The exposition text of a run.
   *
   * @param result the run
   * @param endpoint the {@code endpoint} label
   * @param runTime when the run happened
   */
  public static String of(MonitorResult result, String endpoint, Instant runTime) {
    PrometheusText text = new PrometheusText();
    Findings findings = result.findings();
    if (result.itemCount() > 0 && !findings.drifts().isEmpty()) {
      text.family("rookery_monitor_feature_drift_distance", "gauge",
          "Drift distance of the feature between the training baseline and the window (0..1); CloudWatch's feature_baseline_drift_<feature>.");
      for (FeatureDrift d : findings.drifts()) {
        text.sample("rookery_monitor_feature_drift_distance", d.distance(), "endpoint", endpoint, "feature", d.featureName());
      }
      text.family("rookery_monitor_feature_drift_threshold", "gauge",
          "Distance above which the monitor reports the feature as drifted (the baseline constraints' threshold).");
      for (FeatureDrift d : findings.drifts()) {
        text.sample("rookery_monitor_feature_drift_threshold", d.threshold(), "endpoint", endpoint, "feature", d.featureName());
      }
    }
    text.family("rookery_monitor_constraint_violations", "gauge", "Constraint violations the last monitoring run found.");
    text.sample("rookery_monitor_constraint_violations", result.violations().size(), "endpoint", endpoint);
    text.family("rookery_monitor_records_analysed", "gauge", "Captured records the last monitoring run analysed.");
    text.sample("rookery_monitor_records_analysed", result.itemCount(), "endpoint", endpoint);
    text.family("rookery_monitor_last_run_timestamp_seconds", "gauge", "When the last monitoring run happened (Unix time).");
    text.sample("rookery_monitor_last_run_timestamp_seconds", runTime.getEpochSecond(), "endpoint", endpoint);
    return text.toString();
  }

  /**
   * Writes {@link #of} to the file atomically, creating its folder.
   *
   * @throws IOException when the folder or file cannot be written
   */
  public static void write(Path file, MonitorResult result, String endpoint, Instant runTime) throws IOException {
    AtomicFiles.writeString(file, of(result, endpoint, runTime));
  }
}
