package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandTest {
  @TempDir Path state;

  private void registerTwo() {
    try (Registry registry = Registry.open(new StateDir(state).registryDb())) {
      registry.register(RegistryTest.registration("run-a", 0.97), ApprovalStatus.Approved);
      registry.register(RegistryTest.registration("run-b", 0.95), ApprovalStatus.PendingManualApproval);
    }
  }

  @Test
  void list_emptyRegistry_saysHowToRegister() {
    // when
    Cli.Result result = Cli.run(state, "registry", "list");

    // then
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("no model version registered yet").contains("rookery run");
  }

  @Test
  void list_twoVersions_printsOneLineEach() {
    // given
    registerTwo();

    // when
    Cli.Result result = Cli.run(state, "registry", "list");

    // then
    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).hasSize(3);
    assertThat(result.out()).contains("1        Approved").contains("2        PendingManualApproval").contains("0.9700");
  }

  @Test
  void show_existingVersion_printsMetricsLineageAndArtefacts() {
    // given
    registerTwo();

    // when
    Cli.Result result = Cli.run(state, "registry", "show", "2");

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("status:           PendingManualApproval")
        .contains("test accuracy:    0.9500")
        .contains("dataset sha256:   " + "a".repeat(64))
        .contains("model.tar.gz")
        .contains("evaluation.html");
  }

  @Test
  void approveAndReject_existingVersions_changeStatus() {
    // given
    registerTwo();

    // when
    Cli.Result approved = Cli.run(state, "registry", "approve", "2");
    Cli.Result rejected = Cli.run(state, "registry", "reject", "1");

    // then
    assertThat(approved.out()).contains("model version 2 is now Approved");
    assertThat(rejected.out()).contains("model version 1 is now Rejected");
    try (Registry registry = Registry.open(new StateDir(state).registryDb())) {
      assertThat(registry.latestApproved()).map(ModelVersion::version).contains(2);
    }
  }

  @Test
  void approve_unknownVersion_exitsOneNamingIt() {
    // given
    registerTwo();

    // when
    Cli.Result result = Cli.run(state, "registry", "approve", "9");

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("model version 9 does not exist").contains("rookery registry list");
  }

  @Test
  void showApproveReject_unknownVersion_messageNamesTheWholeCommand() {
    // given
    registerTwo();

    for (String sub : new String[] {"show", "approve", "reject"}) {
      // when
      Cli.Result result = Cli.run(state, "registry", sub, "99");

      // then: the command as typed, not "rookery show:" (a command that does not exist)
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
      assertThat(result.err()).as(result.toString())
          .startsWith("rookery registry " + sub + ": model version 99 does not exist")
          .doesNotContain("rookery " + sub + ":");
    }
  }

  @Test
  void registry_withoutSubcommand_isAUsageErrorListingThem() {
    // when
    Cli.Result result = Cli.exec("registry");

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("list").contains("approve");
  }

  @Test
  void help_eachRegistrySubcommand_printsUsage() {
    for (String sub : new String[] {"list", "show", "approve", "reject"}) {
      Cli.Result result = Cli.exec("registry", sub, "--help");
      assertThat(result.exitCode()).as(sub).isZero();
      assertThat(result.out()).as(sub).contains("Usage: rookery registry " + sub);
    }
  }
}
