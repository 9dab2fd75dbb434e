package dev.rookery.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One registered model version: what it is (artefacts of its run), how good it is (accuracy per
 * split), where it comes from (dataset and its sha256, the run) and whether it may be served.
 *
 * @param version the version number, from 1, assigned by the registry
 * @param createdAt registration time
 * @param status the approval status
 * @param registration what was registered
 */
public record ModelVersion(int version, Instant createdAt, ApprovalStatus status, Registration registration) {
  public ModelVersion {
    if (version < 1) {
      throw new IllegalArgumentException("version must be 1 or greater, found " + version);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(registration, "registration");
  }

  /** The run folder layout of this version. */
  public RunLayout layout() {
    return new RunLayout(registration.runDir());
  }

  /** Test accuracy, the figure the gate compares. */
  public double testAccuracy() {
    return registration.testAccuracy();
  }

  /**
   * What a run asks the registry to record.
   *
   * @param runId the run id (unique)
   * @param runDir the run folder holding every artefact (written before registration)
   * @param data the dataset the model was trained on
   * @param accuracy accuracy per split ({@code train}, {@code validation}, {@code test})
   * @param hyperparameters the best trial's hyperparameters
   */
  public record Registration(
      String runId, Path runDir, Lineage data, Map<String, Double> accuracy, Map<String, String> hyperparameters) {
    public Registration {
      if (runId == null || runId.isBlank()) {
        throw new IllegalArgumentException("runId must not be blank, found '" + runId + "'");
      }
      Objects.requireNonNull(runDir, "runDir");
      Objects.requireNonNull(data, "data");
      accuracy = Map.copyOf(accuracy);
      hyperparameters = Map.copyOf(hyperparameters);
      Double test = accuracy.get("test");
      if (test == null || test.isNaN() || test < 0 || test > 1) {
        throw new IllegalArgumentException("accuracy must hold a 'test' value in [0, 1], found " + accuracy);
      }
    }

    /** Test accuracy. */
    public double testAccuracy() {
      return accuracy.get("test");
    }
  }

  /**
   * The dataset a version was trained on.
   *
   * @param path the dataset read
   * @param sha256 sha256 of the dataset bytes
   * @param target target column
   */
  public record Lineage(String path, String sha256, String target) {
    public Lineage {
      Objects.requireNonNull(path, "path");
      if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("data sha256 must be 64 lowercase hex digits, found '" + sha256 + "'");
      }
      Objects.requireNonNull(target, "target");
    }
  }
}
