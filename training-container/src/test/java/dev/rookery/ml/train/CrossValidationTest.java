package dev.rookery.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.ml.preprocess.PreprocessOptions;
import dev.rookery.ml.preprocess.PreprocessResult;
import dev.rookery.ml.preprocess.Preprocessor;
import dev.rookery.ml.testutils.GaussianClassesGenerator;
import dev.rookery.ml.testutils.Penguins;
import dev.rookery.settings.SplitFractions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-validated tuning objective ({@code cv_folds}) on small data. */
class CrossValidationTest {
  @TempDir Path dir;

  /** A weak model (one split per tree) on the penguins: it errs, so how it is measured shows. */
  private static final Map<String, String> STUMP = Map.of("algorithm", "cart", "max_depth", "1");

  @Test
  void train_cvFolds_objectiveIsStratifiedCrossValidationOverTrainPlusValidation() throws Exception {
    // given: the penguins, 292 train + validation rows
    PreprocessResult p = Preprocessor.run(Penguins.csv(), new PreprocessOptions("species", 42, SplitFractions.DEFAULT, dir));
    TrainingData train = TrainingData.load(p.train());
    TrainingData validation = TrainingData.load(p.validation());
    Hyperparameters single = Hyperparameters.parse(STUMP);
    Hyperparameters cv = Hyperparameters.parse(with(STUMP, "cv_folds", "5"));
    int rows = train.size() + validation.size();
    // when
    TrainedModel measuredOnce = ModelTrainer.train(train, validation, single);
    TrainedModel crossValidated = ModelTrainer.train(train, validation, cv);
    // then: the objective is a count of right predictions over all train + validation rows ...
    assertThat(ModelTrainer.objectiveFolds(train, validation, cv)).isEqualTo(5);
    assertThat(crossValidated.validationAccuracy() * rows)
        .isCloseTo(Math.rint(crossValidated.validationAccuracy() * rows), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(crossValidated.validationAccuracy()).isNotEqualTo(measuredOnce.validationAccuracy());
    // ... each made by a model of the same hyperparameters that did not see the row
    int[] fold = ModelTrainer.stratifiedFolds(concat(train, validation).labels(), 5, cv.seed());
    int right = 0;
    for (int f = 0; f < 5; f++) {
      TrainingData heldOut = pick(concat(train, validation), fold, f, true);
      right += (int) Math.round(ModelTrainer.train(pick(concat(train, validation), fold, f, false), heldOut, single)
          .validationAccuracy() * heldOut.size());
    }
    assertThat(crossValidated.validationAccuracy()).isEqualTo((double) right / rows);
    // the model and its train accuracy stay those fitted on train; a second run gives the same
    assertThat(crossValidated.trainAccuracy()).isEqualTo(measuredOnce.trainAccuracy());
    assertThat(ModelTrainer.train(train, validation, cv).validationAccuracy()).isEqualTo(crossValidated.validationAccuracy());
  }

  @Test
  void objectiveFolds_aboveTheRowLimitOrWithoutValidation_theValidationSplitAlone() throws Exception {
    // given: 3 x 400 rows, 1,020 of them train + validation, over CV_MAX_ROWS
    Path csv = GaussianClassesGenerator.write(dir.resolve("blobs.csv"), 3, 2, 400, 5);
    PreprocessResult p = Preprocessor.run(csv, new PreprocessOptions("label", 42, SplitFractions.DEFAULT, dir.resolve("out")));
    TrainingData train = TrainingData.load(p.train());
    TrainingData validation = TrainingData.load(p.validation());
    Hyperparameters cv = Hyperparameters.parse(Map.of("cv_folds", "5"));
    // then
    assertThat(train.size() + validation.size()).isGreaterThan(ModelTrainer.CV_MAX_ROWS);
    assertThat(ModelTrainer.objectiveFolds(train, validation, cv)).isZero();
    assertThat(ModelTrainer.objectiveFolds(train, null, cv)).isZero();
    assertThat(ModelTrainer.objectiveFolds(train, validation, Hyperparameters.DEFAULTS)).isZero();
  }

  @Test
  void stratifiedFolds_eachLabelSpreadEvenlyAndTheSameForASeed() {
    // given: 3 labels of 10, 7 and 4 rows, interleaved
    String[] labels = new String[21];
    for (int r = 0; r < 21; r++) {
      labels[r] = r < 10 ? "a" : r < 17 ? "b" : "c";
    }
    Collections.shuffle(Arrays.asList(labels), new Random(1)); // not contiguous by label
    // when
    int[] fold = ModelTrainer.stratifiedFolds(labels, 3, 7);
    // then: every fold holds each label's rows to within one, and 7 rows
    for (String label : new String[] {"a", "b", "c"}) {
      int[] perFold = new int[3];
      IntStream.range(0, 21).filter(r -> labels[r].equals(label)).forEach(r -> perFold[fold[r]]++);
      assertThat(Arrays.stream(perFold).max().getAsInt() - Arrays.stream(perFold).min().getAsInt()).isLessThanOrEqualTo(1);
    }
    assertThat(IntStream.range(0, 3).map(f -> (int) Arrays.stream(fold).filter(x -> x == f).count())).containsOnly(7);
    assertThat(ModelTrainer.stratifiedFolds(labels, 3, 7)).isEqualTo(fold);
    assertThat(ModelTrainer.stratifiedFolds(labels, 3, 8)).isNotEqualTo(fold);
  }

  @Test
  void stratifiedFolds_fewerThanTwoOrMoreThanTheRows_refusedNamingCvFolds() {
    String[] labels = {"a", "b", "a"};
    assertThatThrownBy(() -> ModelTrainer.stratifiedFolds(labels, 1, 0)).hasMessage("cv_folds: 1 folds need 2 to 3 (the rows)");
    assertThatThrownBy(() -> ModelTrainer.stratifiedFolds(labels, 4, 0)).hasMessage("cv_folds: 4 folds need 2 to 3 (the rows)");
  }

  private static Map<String, String> with(Map<String, String> hp, String name, String value) {
    Map<String, String> m = new HashMap<>(hp);
    m.put(name, value);
    return m;
  }

  private static TrainingData concat(TrainingData a, TrainingData b) {
    return new TrainingData(a.schema(), a.transformer(),
        java.util.stream.Stream.concat(Arrays.stream(a.x()), Arrays.stream(b.x())).toArray(double[][]::new),
        java.util.stream.Stream.concat(Arrays.stream(a.labels()), Arrays.stream(b.labels())).toArray(String[]::new), a.fingerprint());
  }

  private static TrainingData pick(TrainingData all, int[] fold, int f, boolean inFold) {
    int[] rows = IntStream.range(0, all.size()).filter(r -> (fold[r] == f) == inFold).toArray();
    return new TrainingData(all.schema(), all.transformer(), Arrays.stream(rows).mapToObj(r -> all.x()[r]).toArray(double[][]::new),
        Arrays.stream(rows).mapToObj(r -> all.labels()[r]).toArray(String[]::new), all.fingerprint());
  }
}
