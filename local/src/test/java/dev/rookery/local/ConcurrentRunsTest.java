package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test: two {@code rookery run} processes at once on one fresh state folder (two terminals,
 * or a script started twice). Each is a real JVM, so nothing is shared but the files: the
 * registry's SQLite write lock is all that keeps them apart.
 */
class ConcurrentRunsTest {
  @TempDir Path state;

  record Outcome(int exitCode, String output) {}

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void run_twoProcessesAtOnceOnOneStateFolder_bothFinishOrOneIsRefusedAndTheRegistryStaysWhole() throws Exception {
    // when: two `rookery run --no-serve` started together on a state folder that does not exist yet
    CompletableFuture<Outcome> a = CompletableFuture.supplyAsync(this::runProcess);
    CompletableFuture<Outcome> b = CompletableFuture.supplyAsync(this::runProcess);
    List<Outcome> outcomes = List.of(a.get(200, TimeUnit.SECONDS), b.get(200, TimeUnit.SECONDS));

    // then: each finished (0) or was refused by the gate (3, "must beat" the other's new version)
    // with a message saying so; never a crash, a lock error or a half-written version
    int registered = 0;
    for (Outcome o : outcomes) {
      assertThat(o.exitCode()).as(o.output()).isIn(0, 3);
      assertThat(o.output()).doesNotContainIgnoringCase("database is locked").doesNotContain("Exception");
      if (o.exitCode() == 0) {
        registered++;
      } else {
        assertThat(o.output()).as(o.output()).containsIgnoringCase("gate");
      }
    }
    assertThat(registered).as(outcomes.toString()).isPositive();

    // and: versions 1..n, one per finished run, each pointing at its own complete run folder
    List<ModelVersion> versions;
    try (Registry registry = Registry.open(new StateDir(state).registryDb())) {
      versions = registry.list();
    }
    assertThat(versions).extracting(ModelVersion::version)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, registered).boxed().toList());
    assertThat(versions).extracting(v -> v.registration().runId()).doesNotHaveDuplicates();
    assertThat(versions).allSatisfy(v -> assertThat(v.layout().modelArchive()).isRegularFile());
    try (Stream<Path> runs = Files.list(new StateDir(state).runs())) {
      assertThat(runs.toList()).hasSize(2);
    }
    assertThat(RegistryIntegrity.check(new StateDir(state).registryDb())).isEqualTo("ok");
    Cli.Result list = Cli.run(state, "registry", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
  }

  private Outcome runProcess() {
    try {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          Main.class.getName(), "run", "--no-serve", "--state-dir", state.toString()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("rookery run did not finish in 180 s:\n" + out);
      }
      return new Outcome(p.exitValue(), out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
