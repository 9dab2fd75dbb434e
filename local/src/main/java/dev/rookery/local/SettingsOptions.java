package dev.rookery.local;

import dev.rookery.settings.PipelineSettings;
import dev.rookery.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option: the pipeline settings ({@code config/pipeline.json} format,
 * read by {@link PipelineSettings}). Without it, {@code ./config/pipeline.json} when the command
 * runs from the repository root, else the copy embedded in the jar.
 */
public final class SettingsOptions {
  /** Where the settings are looked for when {@code --config} is not given. */
  static final Path DEFAULT_FILE = Path.of("config", "pipeline.json");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Pipeline settings (target, split, tuning, gate, approval, capture_percent); default:"
          + " config/pipeline.json under the working directory if present, else the copy embedded in the jar.")
  Path config;

  /**
   * The settings in effect.
   *
   * @throws CommandFailedException naming the file and the field at fault
   */
  public PipelineSettings load() {
    Path file = config != null ? config : Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
    if (config != null && !Files.isRegularFile(config)) {
      throw new CommandFailedException("--config " + config + " does not exist or is not a file");
    }
    try {
      return file == null ? PipelineSettings.bundled() : PipelineSettings.load(file);
    } catch (SettingsException e) {
      throw new CommandFailedException("bad pipeline settings: " + e.getMessage()
          + " (see config/pipeline.schema.json for the format)", e);
    }
  }

  /** The settings with another target column. */
  static PipelineSettings withTarget(PipelineSettings s, String target) {
    if (target == null || target.equals(s.target())) {
      return s;
    }
    return s.toBuilder().target(target).build();
  }
}
