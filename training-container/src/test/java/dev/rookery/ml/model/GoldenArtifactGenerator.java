package dev.rookery.ml.model;

import dev.rookery.settings.SplitFractions;
import dev.rookery.ml.preprocess.PreprocessOptions;
import dev.rookery.ml.preprocess.PreprocessResult;
import dev.rookery.ml.preprocess.Preprocessor;
import dev.rookery.ml.testutils.Penguins;
import dev.rookery.ml.train.Hyperparameters;
import dev.rookery.ml.train.ModelTrainer;
import dev.rookery.ml.train.TrainedModel;
import dev.rookery.ml.train.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the committed golden artifact of the current format, {@link #CURRENT} (penguins,
 * seed 42, default hyperparameters). Run only on a deliberate format change, bumping
 * {@link ModelArtifact#FORMAT_VERSION} or the version of the file that changed, and keep the older
 * goldens: {@link #GOLDEN}, {@code model-v1.tar.gz}, is the first artifact format, which must
 * stay loadable (its {@code transformer.json} is format 1, imputing a missing category):
 *
 * <pre>
 * ./mvnw -q -pl training-container test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.rookery.ml.model.GoldenArtifactGenerator
 * </pre>
 */
public final class GoldenArtifactGenerator {
  static final Path GOLDEN = Path.of("src/test/resources/golden/model-v1.tar.gz");
  /** Artifact format 1 with {@code transformer.json} format 2 (a column for a missing category). */
  static final Path CURRENT = Path.of("src/test/resources/golden/model-v1-transformer-v2.tar.gz");

  private GoldenArtifactGenerator() {}

  /** Trains the golden model and writes the artifact to {@code target}. */
  static void generate(Path target) throws Exception {
    Path work = Files.createTempDirectory("golden");
    PreprocessResult p = Preprocessor.run(Penguins.csv(), new PreprocessOptions("species", 42, SplitFractions.DEFAULT, work));
    TrainedModel model = ModelTrainer.train(TrainingData.load(p.train()), TrainingData.load(p.validation()), Hyperparameters.DEFAULTS);
    ModelArtifact.writeTarGz(model, work.resolve("model"), target);
  }

  public static void main(String[] args) throws Exception {
    generate(args.length > 0 ? Path.of(args[0]) : CURRENT);
  }
}
