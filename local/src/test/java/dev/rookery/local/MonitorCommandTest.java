package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failure paths of {@code rookery monitor}; its analysis is exercised end to end in {@link EndToEndTest}. */
class MonitorCommandTest {
  @TempDir Path state;

  @Test
  void monitor_noCapture_exitsOneSayingToSendTraffic() {
    // given
    assertThat(Cli.run(state, "run", "--no-serve").exitCode()).isZero();

    // when
    Cli.Result result = Cli.run(state, "monitor");

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("no captured traffic under").contains("rookery traffic");
  }
}
