package dev.rookery.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.settings.SplitFractions;
import dev.rookery.ml.evaluate.Evaluation;
import dev.rookery.ml.evaluate.Evaluator;
import dev.rookery.ml.model.ModelArtifact;
import dev.rookery.ml.model.ModelBundle;
import dev.rookery.ml.preprocess.PreprocessOptions;
import dev.rookery.ml.preprocess.PreprocessResult;
import dev.rookery.ml.preprocess.Preprocessor;
import dev.rookery.ml.testutils.GaussianClassesGenerator;
import dev.rookery.ml.testutils.Penguins;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainerTest {
  @TempDir Path dir;

  @Test
  void train_penguinsDefaults_testAccuracyAtLeast097() throws Exception {
    // given
    PreprocessResult p = Preprocessor.run(Penguins.csv(), new PreprocessOptions("species", 42, SplitFractions.DEFAULT, dir));
    TrainingData train = TrainingData.load(p.train());
    TrainingData validation = TrainingData.load(p.validation());
    // when
    TrainedModel model = ModelTrainer.train(train, validation, Hyperparameters.DEFAULTS);
    ModelArtifact.write(model, dir.resolve("model"));
    Evaluation test = Evaluator.evaluate(ModelBundle.load(dir.resolve("model")), p.test());
    // then
    assertThat(model.trainAccuracy()).isGreaterThan(0.97);
    assertThat(model.validationAccuracy()).isGreaterThan(0.95);
    assertThat(test.accuracy()).isGreaterThanOrEqualTo(0.97);
  }

  @Test
  void train_cartOnPenguins_learns() throws Exception {
    PreprocessResult p = Preprocessor.run(Penguins.csv(), new PreprocessOptions("species", 42, SplitFractions.DEFAULT, dir));
    TrainedModel model = ModelTrainer.train(TrainingData.load(p.train()), TrainingData.load(p.validation()),
        Hyperparameters.parse(Map.of("algorithm", "cart", "max_depth", "5")));
    assertThat(model.validationAccuracy()).isGreaterThan(0.9);
  }

  @Test
  void train_forestOnPenguins_learnsAndServesFromItsArtifact() throws Exception {
    // when
    Served t = trainAndServe(Map.of("algorithm", "forest", "num_trees", "20", "max_depth", "6"));
    // then: an ensemble of 20 trees, read back through the same predictor, same hyperparameters
    assertThat(t.model().model()).isInstanceOf(org.tribuo.ensemble.EnsembleModel.class);
    assertThat(((org.tribuo.ensemble.EnsembleModel<?>) t.model().model()).getNumModels()).isEqualTo(20);
    assertThat(t.model().validationAccuracy()).isGreaterThan(0.95);
    assertThat(t.testAccuracy()).isGreaterThan(0.95);
    assertThat(t.servedHyperparameters()).isEqualTo(t.hp());
  }

  @Test
  void train_logisticL2OnPenguins_learnsAndServesFromItsArtifact() throws Exception {
    // when
    Served t = trainAndServe(Map.of("algorithm", "logistic_l2", "c", "1"));
    // then: LIBLINEAR's model, read back through the same predictor, same hyperparameters
    assertThat(t.model().model()).isInstanceOf(org.tribuo.classification.liblinear.LibLinearClassificationModel.class);
    assertThat(t.model().validationAccuracy()).isGreaterThan(0.95);
    assertThat(t.testAccuracy()).isGreaterThanOrEqualTo(0.97);
    assertThat(t.servedHyperparameters()).isEqualTo(t.hp());
  }

  /** A model trained on the penguins, and its artifact loaded back as the server loads it. */
  record Served(Hyperparameters hp, TrainedModel model, ModelBundle served, PreprocessResult split) {
    double testAccuracy() throws Exception {
      return Evaluator.evaluate(served, split.test()).accuracy();
    }

    Hyperparameters servedHyperparameters() {
      return Hyperparameters.parse(served.hyperparameters());
    }
  }

  private Served trainAndServe(Map<String, String> hyperparameters) throws Exception {
    PreprocessResult p = Preprocessor.run(Penguins.csv(), new PreprocessOptions("species", 42, SplitFractions.DEFAULT, dir));
    Hyperparameters hp = Hyperparameters.parse(hyperparameters);
    TrainedModel model = ModelTrainer.train(TrainingData.load(p.train()), TrainingData.load(p.validation()), hp);
    ModelArtifact.write(model, dir.resolve("model"));
    return new Served(hp, model, ModelBundle.load(dir.resolve("model")), p);
  }

  @Test
  void train_logisticL2_smallerCostShrinksTheWeights() throws Exception {
    // given
    PreprocessResult p = Preprocessor.run(Penguins.csv(), new PreprocessOptions("species", 42, SplitFractions.DEFAULT, dir));
    TrainingData train = TrainingData.load(p.train());
    // when
    double strong = weightNorm(ModelTrainer.train(train, Hyperparameters.parse(Map.of("algorithm", "logistic_l2", "c", "0.01"))));
    double weak = weightNorm(ModelTrainer.train(train, Hyperparameters.parse(Map.of("algorithm", "logistic_l2", "c", "100"))));
    // then: the L2 penalty, weighted by 1 / c, pulls the weights towards zero
    assertThat(strong).isGreaterThan(0).isLessThan(weak / 10);
  }

  private static double weightNorm(TrainedModel m) {
    double sum = 0;
    for (var perClass : m.model().getTopFeatures(-1).values()) {
      for (var feature : perClass) {
        sum += feature.getB() * feature.getB();
      }
    }
    return Math.sqrt(sum);
  }

  @Test
  void trainAndRefit_keepsTheMeasuredAccuraciesAndFitsOnTrainPlusValidation() throws Exception {
    // given
    PreprocessResult p = Preprocessor.run(Penguins.csv(), new PreprocessOptions("species", 42, SplitFractions.DEFAULT, dir));
    TrainingData train = TrainingData.load(p.train());
    TrainingData validation = TrainingData.load(p.validation());
    Hyperparameters hp = Hyperparameters.parse(Map.of("algorithm", "forest", "num_trees", "10"));
    // when
    TrainedModel measured = ModelTrainer.train(train, validation, hp);
    TrainedModel kept = ModelTrainer.trainAndRefit(train, validation, hp);
    // then: the objective is the train-only model's, the model kept saw both splits
    assertThat(kept.accuracy()).isEqualTo(measured.accuracy());
    assertThat(measured.model().getProvenance().getDatasetProvenance().getNumExamples()).isEqualTo(train.size());
    assertThat(kept.model().getProvenance().getDatasetProvenance().getNumExamples())
        .isEqualTo(train.size() + validation.size());
    assertThat(kept.data()).containsOnlyKeys("train", "validation");
    assertThat(ModelTrainer.trainAndRefit(train, null, hp).model().getProvenance().getDatasetProvenance().getNumExamples())
        .isEqualTo(train.size());
    // over the row limit the train-only model is kept (a refit would double a large job's time)
    int limit = train.size() + validation.size() - 1;
    assertThat(ModelTrainer.trainAndRefit(train, validation, hp, limit).model().getProvenance().getDatasetProvenance()
        .getNumExamples()).isEqualTo(train.size());
  }

  @Test
  void train_numericOnlyTwelveClasses_sameCodeTrainsAndEvaluates() throws Exception {
    // given: 12 classes, 6 numeric features, 60 rows each
    Path csv = GaussianClassesGenerator.write(dir.resolve("blobs.csv"), 12, 6, 60, 3);
    PreprocessResult p = Preprocessor.run(csv, new PreprocessOptions("label", 42, SplitFractions.DEFAULT, dir.resolve("out")));
    // when
    TrainedModel model = ModelTrainer.train(TrainingData.load(p.train()), TrainingData.load(p.validation()),
        Hyperparameters.parse(Map.of("epochs", "20")));
    ModelArtifact.write(model, dir.resolve("model"));
    Evaluation test = Evaluator.evaluate(ModelBundle.load(dir.resolve("model")), p.test());
    // then
    assertThat(p.schema().classes()).hasSize(12);
    assertThat(test.classes()).hasSize(12);
    assertThat(test.itemCount()).isEqualTo(12 * 9);
    assertThat(test.accuracy()).isGreaterThan(0.9);
  }

  @Test
  void train_targetHyperparameterMismatch_failsNamingBoth() throws Exception {
    PreprocessResult p = Preprocessor.run(Penguins.csv(), new PreprocessOptions("species", 42, SplitFractions.DEFAULT, dir));
    TrainingData train = TrainingData.load(p.train());
    assertThatThrownBy(() -> ModelTrainer.train(train, Hyperparameters.parse(Map.of("target", "island"))))
        .hasMessage("hyperparameter 'target' = 'island': the data's target column is 'species'");
  }

  @Test
  void metricLine_value_sageMakerRegexFriendly() {
    assertThat(ModelTrainer.metricLine("validation:accuracy", 0.98039)).isEqualTo("validation:accuracy=0.9804;");
  }
}
