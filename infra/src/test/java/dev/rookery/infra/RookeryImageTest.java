package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.DockerIgnoreStrategy;

/**
 * The image's build context, as CDK's own {@code .dockerignore} matching
 * ({@link DockerIgnoreStrategy}, what {@code DockerImageAsset} hashes and stages) sees
 * training-container/.dockerignore: what the Dockerfile copies is in it, nothing else is.
 */
class RookeryImageTest {
  private static final Path CONTEXT = TestApps.REPO.resolve("training-container");
  private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+\\S+\\s*$");

  private static DockerIgnoreStrategy strategy() throws IOException {
    Path file = CONTEXT.resolve(".dockerignore");
    assertThat(file).as("training-container/.dockerignore").isRegularFile();
    List<String> patterns = Files.readAllLines(file).stream()
        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    return new DockerIgnoreStrategy(CONTEXT.toString(), patterns);
  }

  @Test
  void dockerignore_whatTheDockerfileCopies_staysInTheContext() throws IOException {
    // given the sources of every COPY in the Dockerfile
    Matcher copy = COPY.matcher(Files.readString(CONTEXT.resolve("Dockerfile")));
    DockerIgnoreStrategy ignore = strategy();
    int copies = 0;
    while (copy.find()) {
      copies++;
      // then
      assertThat(ignore.ignores(CONTEXT.resolve(copy.group(1)).toString()))
          .as(copy.group(1)).isFalse();
    }
    assertThat(copies).isPositive();
    assertThat(ignore.ignores(CONTEXT.resolve("Dockerfile").toString())).isFalse();
  }

  @Test
  void dockerignore_sourcesTestDataAndOtherBuildOutput_leftOut() throws IOException {
    DockerIgnoreStrategy ignore = strategy();
    for (String path : List.of("src/main/java/dev/rookery/Main.java", "src/test/resources/x.csv",
        "target/classes/a.class", "target/surefire-reports/r.txt", ".jqwik-database", "pom.xml",
        "README.md")) {
      assertThat(ignore.ignores(CONTEXT.resolve(path).toString())).as(path).isTrue();
    }
  }
}
