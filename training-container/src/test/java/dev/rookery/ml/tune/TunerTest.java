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
      assertThat(t.hyperparameters()).containsKeys("algorithm", "learning_rate", "epochs", "max_depth", "num_trees");
    }
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
