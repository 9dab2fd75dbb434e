package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.ml.config.PipelineSettings;
import dev.rookery.ml.preprocess.SplitDirectory;
import dev.rookery.ml.train.TrainingData;
import dev.rookery.ml.tune.Tuner;
import dev.rookery.ml.tune.TuningResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPipelineTest {
  @TempDir Path state;
  @TempDir Path work;

  @Test
  void run_blobs_picksTheBestTrialTheTunerPicksAndReportsEveryTrial() throws Exception {
    // given: data on which the trials differ
    Path csv = TestDatasets.blobs(work.resolve("blobs.csv"), 200, 11);
    PipelineSettings settings = SettingsOptions.withTarget(PipelineSettings.defaults(), "kind");
    StringWriter out = new StringWriter();
    StateDir stateDir = new StateDir(state).create();

    // when
    LocalPipeline.Outcome outcome =
        new LocalPipeline(stateDir, settings, new Progress(new PrintWriter(out, true), false, LocalPipeline.STEPS)).run(csv);

    // then: the same best as the container's Tuner on the same splits (its rule: highest
    // validation accuracy, lowest index on ties)
    RunLayout run = outcome.layout();
    TuningResult tuner = Tuner.tune(
        TrainingData.load(new SplitDirectory(run.train())), TrainingData.load(new SplitDirectory(run.validation())), settings, 1);
    assertThat(outcome.hyperparameters()).isEqualTo(tuner.best().hyperparameters());
    assertThat(outcome.accuracy().get("validation")).isEqualTo(tuner.best().validationAccuracy());
    assertThat(outcome.trials()).isEqualTo(settings.tuning().maxJobs());
    for (int t = 0; t < outcome.trials(); t++) {
      assertThat(out.toString()).contains("trial " + t + ": validation accuracy");
    }
    assertThat(outcome.version()).hasValueSatisfying(v -> assertThat(v.layout()).isEqualTo(run));
  }
}
