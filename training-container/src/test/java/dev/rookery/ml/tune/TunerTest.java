package dev.rookery.ml.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.settings.PipelineSettings;
import dev.rookery.ml.preprocess.PreprocessOptions;
import dev.rookery.ml.preprocess.PreprocessResult;
import dev.rookery.ml.preprocess.Preprocessor;
import dev.rookery.ml.testutils.Penguins;
import dev.rookery.ml.train.TrainingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {
  @Test
  void best_tiedValidationAccuracy_prefersTheAlgorithmListedFirstThenTheLowestIndex() {
    // given: a forest and two logistic_l2 trials tie; the range lists logistic_l2 first
    List<dev.rookery.settings.ParameterRange> ranges =
        List.of(new dev.rookery.settings.ParameterRange.Categorical("algorithm", List.of("logistic_l2", "forest")));
    List<Trial> trials = List.of(trial(0, "forest", 1.0), trial(1, "logistic_l2", 0.9), trial(2, "logistic_l2", 1.0),
        trial(3, "logistic_l2", 1.0));
    // when / then
    assertThat(Tuner.best(trials, ranges).index()).isEqualTo(2);
    assertThat(Tuner.best(trials, List.of()).index()).isZero();
    assertThat(Tuner.best(List.of(trial(0, "logistic_l2", 0.9), trial(1, "forest", 0.95)), ranges).index()).isEqualTo(1);
  }

  @Test
  void best_trialsWithoutAnAlgorithmHyperparameter_rankAfterTheListedOnes() {
    // given: settings whose ranges list algorithms, trials that set none (the default algorithm):
    // the immutable preference list throws on indexOf(null), which failed `rookery run`
    List<dev.rookery.settings.ParameterRange> ranges =
        List.of(new dev.rookery.settings.ParameterRange.Categorical("algorithm", List.of("logistic_l2", "forest")));
    List<Trial> trials = List.of(trial(0, null, 1.0), trial(1, null, 1.0), trial(2, "forest", 1.0));
    // when / then
    assertThat(Tuner.best(trials, ranges).index()).isEqualTo(2);
    assertThat(Tuner.best(trials.subList(0, 2), ranges).index()).isZero();
  }

  private static Trial trial(int index, String algorithm, double validationAccuracy) {
    return new Trial(index, algorithm == null ? Map.of() : Map.of("algorithm", algorithm), new dev.rookery.ml.train.TrainedModel(
        null, null, null, null, new dev.rookery.ml.train.TrainedModel.Accuracy(1.0, validationAccuracy), Map.of()));
  }

  @Test
  void tune_defaultSettings_deterministicWhateverTheThreads(@TempDir Path dir) {
    // given
    PipelineSettings settings = PipelineSettings.bundled();
    PreprocessResult p = Preprocessor.run(Penguins.csv(), PreprocessOptions.from(settings, dir));
    TrainingData train = TrainingData.load(p.train());
    TrainingData validation = TrainingData.load(p.validation());
    // when
    TuningResult parallel = Tuner.tune(train, validation, settings, 3);
    TuningResult serial = Tuner.tune(train, validation, settings, 1);
    // then
    assertThat(parallel.trials()).hasSize(settings.tuning().maxJobs());
    assertThat(parallel.trials()).extracting(Trial::hyperparameters).isEqualTo(serial.trials().stream().map(Trial::hyperparameters).toList());
    assertThat(parallel.trials()).extracting(Trial::validationAccuracy)
        .isEqualTo(serial.trials().stream().map(Trial::validationAccuracy).toList());
    assertThat(parallel.best().index()).isEqualTo(serial.best().index());
    for (Trial t : parallel.trials()) {
      assertThat(t.validationAccuracy()).isLessThanOrEqualTo(parallel.best().validationAccuracy());
      assertThat(t.hyperparameters()).containsKeys("algorithm", "c", "max_depth", "num_trees");
      assertThat(t.model().model().getProvenance().getDatasetProvenance().getNumExamples()).isEqualTo(train.size());
    }
    // the chosen trial is refitted on train + validation, as the container's train mode keeps it
    assertThat(parallel.best().model().model().getProvenance().getDatasetProvenance().getNumExamples())
        .isEqualTo(train.size() + validation.size());
    assertThat(parallel.best().validationAccuracy())
        .isEqualTo(parallel.trials().get(parallel.best().index()).validationAccuracy());
  }

  @Test
  void sample_sameSeed_sameTrials() {
    assertThat(Tuner.sample(PipelineSettings.bundled())).isEqualTo(Tuner.sample(PipelineSettings.bundled()));
  }

  @Test
  void tune_listener_hearsEveryTrialStartThenEndWithTheResultsTrial(@TempDir Path dir) {
    // given
    PipelineSettings settings = PipelineSettings.bundled();
    PreprocessResult p = Preprocessor.run(Penguins.csv(), PreprocessOptions.from(settings, dir));
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Trial> finished = new ConcurrentHashMap<>();
    TrialListener listener = new TrialListener() {
      @Override
      public void trialStarted(int index, Map<String, String> hyperparameters) {
        events.add("start " + index);
        assertThat(hyperparameters).containsKey("algorithm");
      }

      @Override
      public void trialFinished(Trial trial) {
        events.add("end " + trial.index());
        finished.put(trial.index(), trial);
      }
    };

    // when
    TuningResult result = Tuner.tune(TrainingData.load(p.train()), TrainingData.load(p.validation()), settings, 3, listener);

    // then
    int n = result.trials().size();
    assertThat(events).hasSize(2 * n);
    for (Trial t : result.trials()) {
      assertThat(events.indexOf("start " + t.index())).isLessThan(events.indexOf("end " + t.index()));
      assertThat(finished.get(t.index())).isSameAs(t);
    }
  }
}
