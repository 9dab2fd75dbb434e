package dev.rookery.container;

import dev.rookery.cli.CommandLineOptions;
import dev.rookery.ml.model.ModelArtifact;
import dev.rookery.ml.preprocess.SplitDirectory;
import dev.rookery.ml.train.Hyperparameters;
import dev.rookery.ml.train.ModelTrainer;
import dev.rookery.ml.train.TrainedModel;
import dev.rookery.ml.train.TrainingData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code train}: SageMaker's training contract. Reads {@code input/config/hyperparameters.json}
 * and the channels {@code input/data/train} and {@code input/data/validation} (split directories
 * written by preprocess), writes the artifact to {@code /opt/ml/model}, prints {@code
 * train:accuracy=...;} and {@code validation:accuracy=...;} for the tuning job's metric regexes.
 * The validation accuracy is the tuning objective: on the validation split, or cross-validated
 * over train + validation when {@code cv_folds} asks for it and the data is small ({@link
 * ModelTrainer#objectiveFolds}); a line before it says which.
 *
 * <p>Options: {@code --hyperparameters FILE}, {@code --train DIR}, {@code --validation DIR},
 * {@code --model-dir DIR}.
 */
final class TrainMode {
  static final List<String> OPTIONS = List.of("--hyperparameters", "--train", "--validation", "--model-dir");

  private TrainMode() {}

  static int run(String[] args, OptMl optMl, PrintStream out) throws IOException {
    Map<String, String> a = CommandLineOptions.parse(OPTIONS, args);
    Hyperparameters hp = Hyperparameters.read(
        Path.of(a.getOrDefault("--hyperparameters", optMl.resolve("input/config/" + Hyperparameters.FILE_NAME).toString())));
    TrainingData train = TrainingData.load(
        new SplitDirectory(Path.of(a.getOrDefault("--train", optMl.resolve("input/data/train").toString()))));
    Path validationDir = Path.of(a.getOrDefault("--validation", optMl.resolve("input/data/validation").toString()));
    TrainingData validation = Files.isDirectory(validationDir) ? TrainingData.load(new SplitDirectory(validationDir)) : null;
    out.printf("train: %s on %d records (%d features)%n", hp.toMap(), train.size(), train.transformer().width());
    // The metrics (and so the tuning objective) come from the model fitted on train only; the
    // model kept is then refitted on train + validation.
    TrainedModel model = ModelTrainer.trainAndRefit(train, validation, hp);
    out.println(ModelTrainer.metricLine("train:accuracy", model.trainAccuracy()));
    if (validation != null) {
      out.println("train: the objective is " + ModelTrainer.objectiveDescription(train.size(), validation.size(), hp));
      out.println(ModelTrainer.metricLine("validation:accuracy", model.validationAccuracy()));
    }
    if (ModelTrainer.refits(train, validation, ModelTrainer.REFIT_MAX_ROWS)) {
      out.printf("train: model refitted on train + validation (%d records)%n", train.size() + validation.size());
    }
    ModelArtifact.write(model, Path.of(a.getOrDefault("--model-dir", optMl.resolve("model").toString())));
    return 0;
  }
}
