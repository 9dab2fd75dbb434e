package dev.rookery.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Generated datasets of another shape than the penguins (a data generator, as Tribuo's). */
final class TestDatasets {
  private TestDatasets() {}

  /**
   * Four well-separated classes {@code k0..k3} in column {@code kind} (not first), a categorical
   * {@code color} and three numeric features; every tenth {@code x2} missing.
   */
  static Path blobs(Path file, int rows, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder csv = new StringBuilder("x1,color,kind,x2,x3\n");
    String[] colors = {"red", "green", "blue"};
    for (int i = 0; i < rows; i++) {
      int k = i % 4;
      csv.append(String.format(Locale.ROOT, "%.3f,%s,k%d,%s,%.3f%n",
          k * 10 + r.nextGaussian(), colors[r.nextInt(3)], k,
          i % 10 == 0 ? "NA" : String.format(Locale.ROOT, "%.3f", (k % 2) * 5 + r.nextGaussian()),
          r.nextGaussian()));
    }
    Files.writeString(file, csv);
    return file;
  }

  /** Three classes in {@code label} that no feature predicts: accuracy stays near 1/3. */
  static Path randomLabels(Path file, int rows, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder csv = new StringBuilder("a,b,label\n");
    for (int i = 0; i < rows; i++) {
      csv.append(String.format(Locale.ROOT, "%.3f,%.3f,c%d%n", r.nextGaussian(), r.nextGaussian(), i % 3));
    }
    Files.writeString(file, csv);
    return file;
  }

  /** Pipeline settings like config/pipeline.json with the given gate and approval. */
  static Path settings(Path file, double threshold, boolean mustBeat, String approval) throws IOException {
    Files.writeString(file, String.format(Locale.ROOT, """
        {
          "format_version": 1, "target": "species", "seed": 42,
          "split": {"train": 0.70, "validation": 0.15, "test": 0.15},
          "static_hyperparameters": {"algorithm": "logistic", "seed": "42", "minibatch_size": "1"},
          "tuning": {
            "objective": {"Type": "Maximize", "MetricName": "validation:accuracy"},
            "strategy": "Random", "max_jobs": 2, "max_parallel_jobs": 2,
            "parameter_ranges": {
              "ContinuousParameterRanges": [{"Name": "learning_rate", "MinValue": "0.05", "MaxValue": "1.0", "ScalingType": "Logarithmic"}],
              "IntegerParameterRanges": [{"Name": "epochs", "MinValue": "5", "MaxValue": "30", "ScalingType": "Linear"}],
              "CategoricalParameterRanges": []
            }
          },
          "gate": {"accuracy_threshold": %s, "must_beat_approved": %s},
          "approval": "%s",
          "capture_percent": 100
        }""", threshold, mustBeat, approval));
    return file;
  }
}
