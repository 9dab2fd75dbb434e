package dev.rookery.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of one run, laid out like the container paths of the cloud pipeline so that the same
 * files appear in both places:
 *
 * <pre>
 * train/ validation/ test/   split CSVs + schema.json + transformer.json (preprocess)
 * baseline/        statistics.json, constraints.json (preprocess)
 * model/           the best trial's artifact files (what SageMaker's /opt/ml/model holds)
 * model.tar.gz     the same files packed, as a training job's output
 * evaluation/      evaluation.json (evaluate), evaluation.html (report),
 *   model-quality/ statistics.json, constraints.json (the model-quality baseline, evaluate)
 * run.json         the run record (dev.rookery.runs.RunRecord), written last
 * retrain.json     why the run was started, when {@code rookery monitor --retrain} started it
 * </pre>
 *
 * @param dir the run folder
 */
public record RunLayout(Path dir) {
  public RunLayout {
    Objects.requireNonNull(dir, "dir");
  }

  /** The run id (the folder name). */
  public String runId() {
    return dir.getFileName().toString();
  }

  public Path train() {
    return dir.resolve("train");
  }

  public Path validation() {
    return dir.resolve("validation");
  }

  public Path test() {
    return dir.resolve("test");
  }

  public Path baseline() {
    return dir.resolve("baseline");
  }

  public Path baselineStatistics() {
    return baseline().resolve("statistics.json");
  }

  public Path baselineConstraints() {
    return baseline().resolve("constraints.json");
  }

  public Path model() {
    return dir.resolve("model");
  }

  public Path modelArchive() {
    return dir.resolve("model.tar.gz");
  }

  public Path evaluation() {
    return dir.resolve("evaluation");
  }

  public Path evaluationJson() {
    return evaluation().resolve("evaluation.json");
  }

  public Path runJson() {
    return dir.resolve(dev.rookery.runs.RunRecord.FILE_NAME);
  }

  public Path evaluationHtml() {
    return evaluation().resolve("evaluation.html");
  }

  /** The model-quality baseline's constraints, next to {@code evaluation.json} as the container writes them. */
  public Path qualityConstraints() {
    return evaluation().resolve(dev.rookery.ml.evaluate.ModelQualityFiles.BASELINE_DIR)
        .resolve(dev.rookery.ml.evaluate.ModelQualityFiles.CONSTRAINTS_FILE);
  }

  /** Why {@code rookery monitor --retrain} started this run (absent for a run started by hand). */
  public Path retrainReason() {
    return dir.resolve("retrain.json");
  }
}
