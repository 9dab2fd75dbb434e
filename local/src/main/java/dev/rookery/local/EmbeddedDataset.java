package dev.rookery.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The embedded Palmer penguins data (shipped in the training-container jar), copied to
 * {@code <state>/datasets/penguins.csv} so that every run reads a real file and its lineage names
 * a path anyone can open.
 */
final class EmbeddedDataset {
  /** Classpath location of the embedded dataset. */
  static final String RESOURCE = "datasets/penguins.csv";

  /** Its target column. */
  static final String TARGET = "species";

  private EmbeddedDataset() {}

  /** The penguins CSV in the state folder, (re)written from the jar when missing or different. */
  static Path penguins(StateDir state) {
    Path file = state.root().resolve("datasets").resolve("penguins.csv");
    try (InputStream in = EmbeddedDataset.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new CommandFailedException("the embedded dataset " + RESOURCE + " is missing from the classpath: rebuild with ./mvnw");
      }
      byte[] bytes = in.readAllBytes();
      if (!Files.isRegularFile(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
        Files.createDirectories(file.getParent());
        // A temp file of its own per process: two runs starting at once both write whole copies
        // and the last rename wins, with identical bytes.
        Path tmp = Files.createTempFile(file.getParent(), "penguins-", ".csv.tmp");
        try {
          Files.write(tmp, bytes);
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      return file;
    } catch (IOException e) {
      throw new CommandFailedException("cannot copy the embedded dataset to " + file + ": " + e.getMessage(), e);
    }
  }
}
