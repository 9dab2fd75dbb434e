package dev.rookery.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the image decisions that no Docker engine here can check by running it: it runs as root, as
 * SageMaker requires of training, processing and hosting containers (the source is quoted in the
 * Dockerfile), and starts the JVM in exec form as PID 1.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("Dockerfile");

  private static List<String> instructions() throws IOException {
    return Files.readAllLines(DOCKERFILE).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
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
  void dockerfile_entrypoint_execFormJavaJarOfTheShadedJar() throws IOException {
    // given
    String entrypoint = instructions().stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();

    // then
    assertThat(entrypoint).startsWith("ENTRYPOINT [\"java\"").contains("\"-jar\", \"/opt/rookery/rookery-container.jar\"]");
    assertThat(instructions()).contains("COPY target/rookery-container.jar /opt/rookery/rookery-container.jar");
    assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>rookery-container</finalName>");
  }
}
