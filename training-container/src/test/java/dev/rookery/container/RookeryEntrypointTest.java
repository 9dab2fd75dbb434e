package dev.rookery.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.testutils.MachineRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the image's entry point script ({@code docker/rookery-entrypoint.sh}) for real, as the
 * container would: started as root, over an {@code /opt/ml}-like tree, with a probe in place of
 * {@code java} (ROOKERY_JAVA) that records who it runs as, its PID and its arguments, reads a
 * root-only input and writes outputs. The run-as user is {@code nobody} (ROOKERY_RUN_AS), which
 * every Debian and Ubuntu machine has, so the test creates no user. Needs root, as the image
 * does. As a non-root user the tests are skipped with that reason, except under CI=true, where they
 * fail instead.
 */
class RookeryEntrypointTest {
  private static final Path SCRIPT = Path.of("docker/rookery-entrypoint.sh").toAbsolutePath();
  private static final String RUN_AS = "nobody";
  private static int runAsUid;
  private static int runAsGid;

  @TempDir Path dir;
  private Path optMl;
  private Path probe;

  record Run(int exit, long pid, String stderr) {}

  @BeforeAll
  static void requireRoot() throws Exception {
    int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    String why = "RookeryEntrypointTest must run as root (uid 0), as the container starts: it chowns"
        + " and drops privileges for real. Run the build as root (CI does) or in a root container.";
    MachineRequirement.require(uid == 0, why);
    runAsUid = Integer.parseInt(exec("id", "-u", RUN_AS).strip());
    runAsGid = Integer.parseInt(exec("id", "-g", RUN_AS).strip());
  }

  @BeforeEach
  void layOutOptMl() throws IOException {
    // @TempDir is 0700: let the run-as user through, as /opt is on an image
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    optMl = dir.resolve("opt-ml");
    Path data = Files.createDirectories(optMl.resolve("input/data/train"));
    Files.writeString(data.resolve("train.csv"), "species,x\nAdelie,1\n");
    // SageMaker's files carry the modes of their source: a root-only one must become readable too
    Files.setPosixFilePermissions(data.resolve("train.csv"), PosixFilePermissions.fromString("rw-------"));
    Files.createDirectories(optMl.resolve("model"));
    Files.createDirectories(optMl.resolve("output"));
    probe = dir.resolve("probe");
    Files.writeString(probe, """
        #!/bin/sh
        # Stands in for java: records identity, PID and arguments where the job's outputs go.
        set -eu
        printf '%s\\n' "$(id -u)" "$(id -g)" "$$" > "$ROOKERY_OPT_ML/output/identity"
        printf '%s\\n' "$@" > "$ROOKERY_OPT_ML/output/arguments"
        cat "$ROOKERY_OPT_ML/input/data/train/train.csv" > "$ROOKERY_OPT_ML/model/copied.csv"
        """);
    Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }

  private Run run(List<String> launcher, String runAs, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(launcher);
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put(OptMl.ENV, optMl.toString());
    pb.environment().put("ROOKERY_RUN_AS", runAs);
    pb.environment().put("ROOKERY_JAVA", probe.toString());
    Path err = dir.resolve("stderr.txt");
    pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), p.pid(), Files.readString(err));
  }

  private List<String> identity() throws IOException {
    return Files.readAllLines(optMl.resolve("output/identity"));
  }

  private static int owner(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:uid");
  }

  @Test
  void entrypoint_startedAsRoot_chownsOptMlAndExecsJavaAsTheRunAsUser() throws Exception {
    // when
    Run r = run(List.of(), RUN_AS, "train", "--seed", "7 and a space");

    // then: the probe ran as nobody, in the script's own process (exec all the way down)
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(runAsUid).isNotZero();
    assertThat(identity()).containsExactly(
        String.valueOf(runAsUid), String.valueOf(runAsGid), String.valueOf(r.pid()));
    // the JVM options and the shaded jar, then the container arguments untouched
    assertThat(Files.readAllLines(optMl.resolve("output/arguments"))).containsExactly(
        "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/rookery/rookery-container.jar",
        "train", "--seed", "7 and a space");
    // it read the root-only input and wrote its outputs, in folders that are now its own
    assertThat(optMl.resolve("model/copied.csv")).hasContent("species,x\nAdelie,1");
    assertThat(owner(optMl.resolve("model"))).isEqualTo(runAsUid);
    assertThat(owner(optMl.resolve("output/identity"))).isEqualTo(runAsUid);
  }

  @Test
  void entrypoint_readOnlyMount_toleratedAndSaysSo() throws Exception {
    // given: input/ mounted read-only, as a SageMaker input channel may be (a private mount
    // namespace); its files are world-readable (a root-only file there stays unreadable: see the script)
    Path input = optMl.resolve("input");
    Files.setPosixFilePermissions(input.resolve("data/train/train.csv"), PosixFilePermissions.fromString("rw-r--r--"));
    List<String> launcher = List.of("unshare", "--mount", "sh", "-c",
        "mount --bind -o ro \"$1\" \"$1\" || { echo 'cannot bind-mount read-only (unshare/mount need"
            + " CAP_SYS_ADMIN)' >&2; exit 99; }; shift; exec \"$@\"", "sh", input.toString());

    // when
    Run r = run(launcher, RUN_AS, "train");

    // then: the read-only part stays root's, the run goes on as nobody and writes its outputs
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stderr()).contains("rookery-entrypoint: parts of " + optMl + " stay root's (read-only mounts);"
        + " continuing as nobody");
    assertThat(owner(input.resolve("data/train/train.csv"))).isZero();
    assertThat(identity().get(0)).isEqualTo(String.valueOf(runAsUid));
    assertThat(owner(optMl.resolve("model"))).isEqualTo(runAsUid);
  }

  @Test
  void entrypoint_startedNonRoot_execsJavaDirectlyWithoutChown() throws Exception {
    // given: docker run --user: the folders the caller prepared are writable, the rest stays root's
    for (String writable : new String[] {"model", "output"}) {
      Files.setPosixFilePermissions(optMl.resolve(writable), PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    Files.setPosixFilePermissions(optMl.resolve("input/data/train/train.csv"), PosixFilePermissions.fromString("rw-r--r--"));
    List<String> launcher = List.of("setpriv", "--reuid=" + runAsUid, "--regid=" + runAsGid, "--clear-groups");

    // when
    Run r = run(launcher, RUN_AS, "serve");

    // then: no chown (it would fail without root), no setpriv, same process, same user
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(identity()).containsExactly(
        String.valueOf(runAsUid), String.valueOf(runAsGid), String.valueOf(r.pid()));
    assertThat(owner(optMl.resolve("model"))).isZero();
    assertThat(owner(optMl.resolve("input/data/train"))).isZero();
  }

  @Test
  void entrypoint_runAsRoot_refusedWithExitTwo() throws Exception {
    // when
    Run r = run(List.of(), "root", "train");

    // then
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("ROOKERY_RUN_AS='root' is not a non-root user of this image");
    assertThat(optMl.resolve("output/identity")).doesNotExist();
    assertThat(owner(optMl.resolve("model"))).isZero();
  }
}
