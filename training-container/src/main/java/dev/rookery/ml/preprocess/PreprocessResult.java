package dev.rookery.ml.preprocess;

import dev.rookery.ml.schema.Schema;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What preprocessing wrote: the split directories and the baseline under one output root.
 *
 * @param root the output root ({@code train/}, {@code validation/}, {@code test/}, {@code baseline/})
 * @param schema the inferred schema
 * @param transformer the transformer fitted on the training split
 * @param counts how many rows went where
 */
public record PreprocessResult(Path root, Schema schema, Transformer transformer, RowCounts counts) {
  public PreprocessResult {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(transformer, "transformer");
    Objects.requireNonNull(counts, "counts");
  }

  /**
   * Row counts of a preprocessing run.
   *
   * @param used rows used (with a target)
   * @param dropped rows dropped for a missing target
   * @param train rows in the training split
   * @param validation rows in the validation split
   * @param test rows in the test split
   */
  public record RowCounts(int used, int dropped, int train, int validation, int test) {}

  /** The training split directory. */
  public SplitDirectory train() {
    return new SplitDirectory(root.resolve(Preprocessor.TRAIN));
  }

  /** The validation split directory. */
  public SplitDirectory validation() {
    return new SplitDirectory(root.resolve(Preprocessor.VALIDATION));
  }

  /** The test split directory. */
  public SplitDirectory test() {
    return new SplitDirectory(root.resolve(Preprocessor.TEST));
  }

  /** The directory of the baseline's {@code statistics.json} and {@code constraints.json}. */
  public Path baseline() {
    return root.resolve(Preprocessor.BASELINE);
  }
}
