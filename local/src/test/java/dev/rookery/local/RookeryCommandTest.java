package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RookeryCommandTest {
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
