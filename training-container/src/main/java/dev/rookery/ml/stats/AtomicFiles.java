package dev.rookery.ml.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees half of one: to a temporary sibling first, then an
 * atomic rename.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes pretty-printed JSON with a trailing newline. */
  public static void writeJson(Path file, JsonNode json) throws IOException {
    writeString(file, StatisticsJson.MAPPER.writeValueAsString(json) + "\n");
  }

  /** Writes UTF-8 text. */
  public static void writeString(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
