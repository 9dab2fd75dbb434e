package dev.rookery.ml.preprocess;

import dev.rookery.settings.PipelineSettings;
import dev.rookery.settings.SplitFractions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link Preprocessor#run} needs besides the dataset.
 *
 * @param target target column (pipeline default {@code species})
 * @param seed split seed (pipeline default 42)
 * @param split split fractions (pipeline default 70/15/15)
 * @param outputRoot directory receiving {@code train/}, {@code validation/}, {@code test/} and
 *     {@code baseline/} (in the container: {@code /opt/ml/processing})
 */
public record PreprocessOptions(String target, long seed, SplitFractions split, Path outputRoot) {
  public PreprocessOptions {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(outputRoot, "outputRoot");
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("target must not be blank, found '" + target + "'");
    }
  }

  /** Options from pipeline settings, writing under {@code outputRoot}. */
  public static PreprocessOptions from(PipelineSettings settings, Path outputRoot) {
    return new PreprocessOptions(settings.target(), settings.seed(), settings.split(), outputRoot);
  }
}
