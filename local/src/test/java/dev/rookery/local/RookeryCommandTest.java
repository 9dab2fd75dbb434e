package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RookeryCommandTest {
  @TempDir Path state;
  @TempDir Path work;

  /**
   * Command lines every subcommand refuses before it does any work (fresh state directory): the
   * exit code and what the error must say. {@code {work}} stands for an empty folder.
   */
  static Stream<Arguments> refusedCommandLines() {
    return Stream.of(
        refused("run --no-serve --data {work}/nope.csv", ExitCodes.FAILURE, "nope.csv does not exist", "--data FILE.csv"),
        refused("run --no-serve --config {work}/none.json", ExitCodes.FAILURE, "--config", "none.json does not exist"),
        refused("run --port 70000", ExitCodes.USAGE, "--port must be between 0 and 65535, found 70000"),
        refused("run --fast", ExitCodes.USAGE, "Unknown option: '--fast'"),
        refused("serve --port 0", ExitCodes.FAILURE, "no Approved model version", "rookery run"),
        refused("serve --capture-percent 150", ExitCodes.USAGE, "--capture-percent must be between 0 and 100, found 150"),
        refused("traffic --drift body_mass_g=1500", ExitCodes.USAGE, "'body_mass_g=1500'", "FEATURE=+DELTA"),
        refused("monitor", ExitCodes.FAILURE, "no model to monitor", "rookery run"),
        refused("monitor --since yesterday", ExitCodes.USAGE, "'yesterday'"),
        refused("registry show seven", ExitCodes.USAGE, "seven"));
  }

  private static Arguments refused(String commandLine, int exitCode, String... errorSays) {
    return Arguments.of(commandLine, exitCode, List.of(errorSays));
  }

  @ParameterizedTest(name = "rookery {0}")
  @MethodSource("refusedCommandLines")
  void execute_refusedCommandLine_exitsWithItsCodeSayingWhy(String commandLine, int exitCode, List<String> errorSays) {
    // when
    String[] args = Arrays.stream(commandLine.split(" ")).map(a -> a.replace("{work}", work.toString()))
        .toArray(String[]::new);
    Cli.Result result = Cli.run(state, args);

    // then
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
    assertThat(result.err()).contains(errorSays);
  }

  @Test
  void execute_noSubcommand_isAUsageErrorListingTheCommands() {
    // when
    Cli.Result result = Cli.exec();

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Missing required subcommand").contains("run", "serve", "traffic", "monitor", "registry");
  }

  @Test
  void execute_help_listsEverySubcommandAndTheExitCodes() {
    // when
    Cli.Result result = Cli.exec("--help");

    // then
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("run", "serve", "traffic", "monitor", "registry")
        .contains("Exit codes:")
        .contains("2   usage error")
        .contains("3   run: the model did not pass the accuracy gate")
        .contains("4   monitor: constraint violations");
  }

  @Test
  void execute_unknownSubcommand_isAUsageError() {
    // when
    Cli.Result result = Cli.exec("deploy");

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Unmatched argument at index 0: 'deploy'");
  }

  @Test
  void execute_version_printsIt() {
    // when
    Cli.Result result = Cli.exec("--version");

    // then
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("rookery ");
  }
}
