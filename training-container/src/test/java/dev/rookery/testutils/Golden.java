package dev.rookery.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. Run the tests with {@code -Drookery.golden.regenerate=true} to rewrite the
 * committed files from the current output (then review the diff before committing).
 */
public final class Golden {
  private Golden() {}

  /** Source folder of the committed golden files. */
  public static Path sourceDir() {
    return Path.of("src/test/resources");
  }

  /** Asserts that {@code actual}'s content equals the golden resource, or regenerates it. */
  public static void assertMatches(Path actual, String resource) {
    try {
      Path golden = sourceDir().resolve(resource);
      String text = Files.readString(actual, StandardCharsets.UTF_8);
      if (Boolean.getBoolean("rookery.golden.regenerate")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, text, StandardCharsets.UTF_8);
      }
      assertThat(text).as("%s against golden %s", actual, golden)
          .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
