package dev.rookery.ml.testutils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The embedded penguins dataset and file helpers for tests. */
public final class Penguins {
  private Penguins() {}

  /** Path of the embedded {@code penguins.csv} (build output, a real file). */
  public static Path csv() {
    try {
      return Path.of(Penguins.class.getResource("/datasets/penguins.csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Regular files under a directory (none when it does not exist). */
  public static long fileCount(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
