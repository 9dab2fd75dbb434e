package dev.rookery.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of one run, laid out like the container paths of the cloud pipeline so that the same
 * files appear in both places:
 *
 * <pre>
 * input/           the dataset as read (a copy, for lineage)
 * train/ validation/ test/   split CSVs + schema.json + transformer.json (preprocess)
 * baseline/        statistics.json, constraints.json (preprocess)
 * model/           model.tar.gz (train, best trial)
 * evaluation/      evaluation.json (evaluate), evaluation.html (report)
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

  public Path input() {
    return dir.resolve("input");
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

  /** Working folder of the tuning trials. */
  public Path trials() {
    return dir.resolve("trials");
  }

  public Path model() {
    return dir.resolve("model");
  }

  public Path modelArchive() {
    return model().resolve("model.tar.gz");
  }

  public Path evaluation() {
    return dir.resolve("evaluation");
  }

  public Path evaluationJson() {
    return evaluation().resolve("evaluation.json");
  }

  public Path evaluationHtml() {
    return evaluation().resolve("evaluation.html");
  }
}
