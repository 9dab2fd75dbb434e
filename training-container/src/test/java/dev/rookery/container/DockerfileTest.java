package dev.rookery.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the image decisions that no Docker engine here can check by running it: a pinned base, the
 * SageMaker bind-to-port label, a container that starts as root (SageMaker requires it; the source
 * is quoted in the Dockerfile), and an exec-form entry point script that drops to the system user
 * {@code rookery} before it execs the JVM. {@link RookeryEntrypointTest} runs that script.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("Dockerfile");
  private static final Path ENTRYPOINT_SCRIPT = Path.of("docker/rookery-entrypoint.sh");

  private static List<String> instructions() throws IOException {
    return Files.readAllLines(DOCKERFILE).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  @Test
  void dockerfile_base_pinnedToAnExactJreTag() throws IOException {
    // given
    String from = instructions().stream().filter(l -> l.startsWith("FROM ")).findFirst().orElseThrow();

    // then: a full version tag (not latest, not a floating 17-jre)
    assertThat(from).matches("FROM eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jre-jammy(@sha256:[0-9a-f]{64})?");
  }

  @Test
  void dockerfile_label_acceptsBindToPort() throws IOException {
    assertThat(Files.readString(DOCKERFILE)).contains("com.amazonaws.sagemaker.capabilities.accept-bind-to-port=true");
  }

  @Test
  void dockerfile_effectiveUser_isRootAsSageMakerRequires() throws IOException {
    // given
    List<String> users = instructions().stream().filter(l -> l.toUpperCase().startsWith("USER ")).toList();

    // then: no USER at all, or a last USER that is root
    if (!users.isEmpty()) {
      assertThat(users.get(users.size() - 1).substring(5).strip()).isIn("root", "0", "0:0", "root:root");
    }
    assertThat(Files.readString(DOCKERFILE))
        .contains("https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html");
  }

  @Test
  void dockerfile_entrypoint_execFormScriptThatDropsToTheRookerySystemUser() throws IOException {
    // given
    String entrypoint = instructions().stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    String script = Files.readString(ENTRYPOINT_SCRIPT);

    // then: the image runs the committed script, in exec form, and creates the user it drops to
    assertThat(entrypoint).isEqualTo("ENTRYPOINT [\"/usr/local/bin/rookery-entrypoint\"]");
    assertThat(instructions())
        .contains("COPY docker/rookery-entrypoint.sh /usr/local/bin/rookery-entrypoint")
        .contains("COPY target/rookery-container.jar /opt/rookery/rookery-container.jar");
    assertThat(Files.readString(DOCKERFILE))
        .contains("chmod 0755 /usr/local/bin/rookery-entrypoint")
        .contains("groupadd --system rookery")
        .contains("useradd --system --gid rookery");
    // the script: rookery by default, privilege drop by exec setpriv, java -jar of the shaded jar
    assertThat(script).startsWith("#!/bin/sh\n")
        .contains("run_as=\"${ROOKERY_RUN_AS:-rookery}\"")
        .contains("jar=\"${ROOKERY_JAR:-/opt/rookery/rookery-container.jar}\"")
        .contains("exec setpriv --reuid=\"$run_uid\" --regid=\"$run_gid\" --init-groups");
    assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>rookery-container</finalName>");
  }
}
