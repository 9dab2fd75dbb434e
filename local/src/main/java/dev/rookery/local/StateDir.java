package dev.rookery.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The one folder that holds all local state (default {@code .rookery/} under the working
 * directory, moved by {@code --state-dir} or {@code ROOKERY_HOME}):
 *
 * <pre>
 * runs/&lt;run-id&gt;/        one folder per run: splits, baseline, model, evaluation (see {@link RunLayout})
 * registry.db             the model registry (SQLite)
 * capture/                endpoint data capture, SageMaker layout &lt;endpoint&gt;/&lt;variant&gt;/yyyy/mm/dd/hh/*.jsonl
 * reports/                monitor outputs, one folder per analysis
 * endpoint.json           the endpoint being served now (removed when it stops)
 * </pre>
 *
 * @param root the state folder
 */
public record StateDir(Path root) {
  public StateDir {
    Objects.requireNonNull(root, "root");
    root = root.toAbsolutePath().normalize();
  }

  /** Folder of every run. */
  public Path runs() {
    return root.resolve("runs");
  }

  /** The SQLite registry file. */
  public Path registryDb() {
    return root.resolve("registry.db");
  }

  /** Root of the endpoint data capture. */
  public Path capture() {
    return root.resolve("capture");
  }

  /**
   * Root of the ground-truth labels: {@code ground-truth/<endpoint>/yyyy/MM/dd/HH/*.jsonl}, as in the
   * artefacts bucket ({@code rookery label}, {@code rookery traffic --labels}).
   */
  public Path groundTruth() {
    return root.resolve(dev.rookery.monitor.GroundTruth.FOLDER);
  }

  /** Folder of the monitor reports. */
  public Path reports() {
    return root.resolve("reports");
  }

  /** Describes the endpoint being served now, if any. */
  public Path endpointFile() {
    return root.resolve("endpoint.json");
  }

  /** The layout of one run. */
  public RunLayout run(String runId) {
    return new RunLayout(runs().resolve(runId));
  }

  /**
   * Creates the folders if they do not exist yet.
   *
   * @return this
   * @throws CommandFailedException when the folder cannot be created
   */
  public StateDir create() {
    try {
      Files.createDirectories(runs());
      Files.createDirectories(capture());
      Files.createDirectories(reports());
      return this;
    } catch (IOException e) {
      throw new CommandFailedException(
          "cannot create the state folder " + root + " (" + e + "): choose another with --state-dir or ROOKERY_HOME", e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
