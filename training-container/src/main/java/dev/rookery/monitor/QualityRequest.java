package dev.rookery.monitor;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one model-quality run joins and where it writes: the BYOC environment of the
 * {@code model-quality} mode ({@code dataset_source}, {@code ground_truth_source},
 * {@code baseline_constraints}, {@code output_path}, ...), as values.
 *
 * @param sources the captured predictions and the ground-truth labels
 * @param baselineConstraints the model-quality {@code constraints.json} ({@code baseline_constraints}):
 *     thresholds, the model's classes and the baseline accuracy
 * @param outputPath folder for {@code statistics.json}, {@code constraint_violations.json},
 *     {@code cloudwatch_metrics.json} and {@code report.html}
 * @param window which inference times are analysed (the caller has shifted it by the label offset)
 * @param metrics the CloudWatch metrics' dimensions and timestamp, and where BYOC metric files go
 * @param minJoinedRecords fewer joined predictions than this: "not enough labels", no violation
 */
public record QualityRequest(
    Sources sources, Path baselineConstraints, Path outputPath, MonitorRequest.TimeWindow window,
    MonitorRequest.Metrics metrics, int minJoinedRecords) {

  public QualityRequest {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(baselineConstraints, "baselineConstraints");
    Objects.requireNonNull(outputPath, "outputPath");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(metrics, "metrics");
    if (minJoinedRecords < 1) {
      throw new IllegalArgumentException("min_joined_records must be 1 or greater, found " + minJoinedRecords);
    }
  }

  /**
   * @param capture folder of capture {@code *.jsonl} files ({@code dataset_source}), read recursively
   * @param groundTruth folder of ground-truth {@code *.jsonl} files ({@code ground_truth_source}), read recursively
   */
  public record Sources(Path capture, Path groundTruth) {
    public Sources {
      Objects.requireNonNull(capture, "capture");
      Objects.requireNonNull(groundTruth, "groundTruth");
    }
  }

}
