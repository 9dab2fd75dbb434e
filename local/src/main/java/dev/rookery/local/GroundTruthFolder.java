package dev.rookery.local;

import dev.rookery.monitor.GroundTruth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * The local ground-truth folder, laid out as the artefacts bucket's {@code ground-truth/} prefix:
 * {@code <state>/ground-truth/<endpoint>/yyyy/MM/dd/HH/<name>.jsonl}, the hour being when the labels
 * arrived. Files appear whole (written aside, then moved), so a monitor running meanwhile never
 * reads half a file.
 */
final class GroundTruthFolder {
  private GroundTruthFolder() {}

  /** The labels of one endpoint. */
  static Path of(StateDir state, String endpointName) {
    return state.groundTruth().resolve(endpointName);
  }

  /**
   * Writes ground-truth lines ({@link GroundTruth#line}) as one new file.
   *
   * @param name the file's name without {@code .jsonl}, unique (a run id, a UUID)
   * @return the file
   * @throws CommandFailedException when the folder cannot be written
   */
  static Path write(StateDir state, String endpointName, Instant arrived, String name, List<String> lines) {
    Path dir = of(state, endpointName).resolve(GroundTruth.hourFolder(arrived));
    Path file = dir.resolve(name + ".jsonl");
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("." + name + ".tmp");
      Files.writeString(tmp, String.join("", lines), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new CommandFailedException("cannot write ground truth to " + file + ": " + e, e);
    }
  }
}
