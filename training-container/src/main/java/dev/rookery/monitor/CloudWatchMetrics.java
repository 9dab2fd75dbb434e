package dev.rookery.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.ml.stats.AtomicFiles;
import dev.rookery.ml.stats.DatasetStatistics;
import dev.rookery.ml.stats.FeatureStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The drift metrics, in CloudWatch {@code PutMetricData} {@code MetricDatum} shape:
 * {@code feature_baseline_drift_<f>} (the decision distance of {@link FeatureDrift}),
 * {@code feature_non_null_<f>} (the completeness, 0..1) and {@code constraint_violations} (the
 * number of violations), each with the dimensions {@code Endpoint} and {@code MonitoringSchedule}.
 *
 * <p>Two files carry them: {@code cloudwatch_metrics.json} in the output folder
 * ({@code {"namespace": ..., "metrics": [...]}}, for the processing-job engine's publish function),
 * and, under Model Monitor, one file per metric in {@code /opt/ml/output/metrics/cloudwatch}
 * (SageMaker developer guide, {@code model-monitor-byoc-cloudwatch}).
 */
public final class CloudWatchMetrics {
  /**
   * The namespace of {@code cloudwatch_metrics.json}, which the publish function writes to in both
   * monitoring engines and the alarms watch: Rookery's own, because AWS's pages name three
   * different Model Monitor namespaces (docs/aws-contracts.md), and an alarm on the wrong one
   * never fires.
   */
  public static final String NAMESPACE = "Rookery/Monitoring";

  /** File name of the combined metrics in the output folder. */
  public static final String FILE_NAME = "cloudwatch_metrics.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CloudWatchMetrics() {}

  /**
   * One metric.
   *
   * @param name metric name
   * @param value value
   * @param unit CloudWatch unit ({@code None} or {@code Count})
   */
  public record Metric(String name, double value, String unit) {
    public Metric {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(unit, "unit");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("metric " + name + " value must be finite, found " + value);
      }
    }
  }

  /**
   * The metrics of a run. An empty window yields only {@code constraint_violations} (0): there is no
   * completeness or distance to report, and alarms treat missing data as not breaching.
   */
  public static List<Metric> of(DatasetStatistics current, List<FeatureDrift> drifts, int violationCount) {
    List<Metric> metrics = new ArrayList<>();
    if (current.itemCount() > 0) {
      for (FeatureDrift d : drifts) {
        metrics.add(new Metric("feature_baseline_drift_" + d.featureName(), d.distance(), "None"));
      }
      for (FeatureStatistics f : current.features()) {
        metrics.add(new Metric("feature_non_null_" + f.name(), f.completeness(), "None"));
      }
    }
    metrics.add(new Metric("constraint_violations", violationCount, "Count"));
    return metrics;
  }

  /** One metric as a {@code MetricDatum} JSON object. */
  public static ObjectNode datum(Metric m, MonitorRequest request) {
    return datum(m, request.metrics());
  }

  /** One metric as a {@code MetricDatum} JSON object, with the run's dimensions and timestamp. */
  public static ObjectNode datum(Metric m, MonitorRequest.Metrics run) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("MetricName", m.name());
    node.put("Timestamp", run.timestamp().toString());
    ArrayNode dims = node.putArray("Dimensions");
    dims.addObject().put("Name", "Endpoint").put("Value", run.endpointName());
    dims.addObject().put("Name", "MonitoringSchedule").put("Value", run.monitoringScheduleName());
    node.put("Value", m.value());
    node.put("Unit", m.unit());
    return node;
  }

  /** Writes {@code cloudwatch_metrics.json} into the output folder. */
  public static Path writeCombined(List<Metric> metrics, MonitorRequest request) throws IOException {
    return writeCombined(metrics, request.metrics(), request.outputPath());
  }

  /** Writes {@code cloudwatch_metrics.json} into {@code outputPath} (any job: drift, model quality). */
  public static Path writeCombined(List<Metric> metrics, MonitorRequest.Metrics run, Path outputPath) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("namespace", NAMESPACE);
    ArrayNode list = root.putArray("metrics");
    metrics.forEach(m -> list.add(datum(m, run)));
    Path file = outputPath.resolve(FILE_NAME);
    AtomicFiles.writeJson(file, root);
    return file;
  }

  /**
   * Writes one BYOC metric file per metric, named {@code <metric name>.json}, into the request's
   * {@code metrics().byocDir()}.
   */
  public static List<Path> writeByoc(List<Metric> metrics, MonitorRequest request) throws IOException {
    return writeByoc(metrics, request.metrics());
  }

  /** Writes one BYOC metric file per metric into {@code run.byocDir()}. */
  public static List<Path> writeByoc(List<Metric> metrics, MonitorRequest.Metrics run) throws IOException {
    Path dir = run.byocDir();
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (Metric m : metrics) {
      Path file = dir.resolve(safeFileName(m.name()) + ".json");
      AtomicFiles.writeJson(file, datum(m, run));
      files.add(file);
    }
    return files;
  }

  private static String safeFileName(String metricName) {
    return metricName.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The timestamp used when a request has no window end. */
  static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }
}
