package dev.rookery.testutils;

import dev.rookery.container.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Trains a real penguins model with the container's own {@code preprocess} and {@code train} modes
 * (logistic regression, seed 42) into {@code <optMl>/model}, as a SageMaker endpoint finds it.
 */
public final class TrainedPenguinsModel {
  private TrainedPenguinsModel() {}

  /** Returns {@code <optMl>/model} holding the artifact. */
  public static Path trainInto(Path optMl) throws IOException {
    Path dataset = Paths.get("src/main/resources/datasets/penguins.csv").toAbsolutePath();
    Path processing = optMl.resolve("processing");
    Path hyperparameters = Files.writeString(optMl.resolve("hyperparameters.json"), "{\"algorithm\":\"logistic\",\"seed\":\"42\"}");
    Path model = optMl.resolve("model");
    check(Main.run(new String[] {"preprocess", "--input", dataset.toString(), "--output", processing.toString()}), "preprocess");
    check(
        Main.run(
            new String[] {
              "train",
              "--hyperparameters", hyperparameters.toString(),
              "--train", processing.resolve("train").toString(),
              "--validation", processing.resolve("validation").toString(),
              "--model-dir", model.toString()
            }),
        "train");
    return model;
  }

  private static void check(int exitCode, String mode) {
    if (exitCode != 0) {
      throw new IllegalStateException(mode + " exited " + exitCode);
    }
  }
}
