package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.settings.PipelineSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPipelineTest {
  @TempDir Path state;
  @TempDir Path work;

  @Test
  void run_blobs_drawsEveryTrialInTheProgressBarAndRegistersTheRun() throws Exception {
    // given
    Path csv = TestDatasets.blobs(work.resolve("blobs.csv"), 200, 11);
    PipelineSettings settings = SettingsOptions.withTarget(PipelineSettings.bundled(), "kind");
    StringWriter out = new StringWriter();
    StateDir stateDir = new StateDir(state).create();

    // when
    LocalPipeline.Outcome outcome =
        new LocalPipeline(stateDir, settings, new Progress(new PrintWriter(out, true), false, LocalPipeline.STEPS)).run(csv);

    // then: the Tuner's listener fed the bar, one line per finished trial, up to n/n
    int n = settings.tuning().maxJobs();
    assertThat(outcome.best().trials()).isEqualTo(n);
    assertThat(out.toString()).contains("] 0/" + n).contains("] " + n + "/" + n);
    for (int t = 0; t < n; t++) {
      assertThat(out.toString()).contains("trial " + t + ": validation accuracy");
    }
    assertThat(outcome.version()).hasValueSatisfying(v -> assertThat(v.layout()).isEqualTo(outcome.layout()));
  }
}
