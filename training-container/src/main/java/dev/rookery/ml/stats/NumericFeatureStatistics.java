package dev.rookery.ml.stats;

import java.util.List;
import java.util.Objects;

/**
 * Statistics of a numeric feature ({@code numerical_statistics} of {@code statistics.json}).
 *
 * @param name feature name
 * @param inferredType {@code Integral} when every number is whole, {@code Fractional} otherwise;
 *     {@code String} when most present values were not numbers
 * @param counts present, missing and non-numeric values
 * @param summary mean, sum, standard deviation, min and max of the numbers
 * @param distribution bucket histogram and KLL sketch of the numbers
 */
public record NumericFeatureStatistics(
    String name, InferredType inferredType, Counts counts, Summary summary, Distribution distribution)
    implements FeatureStatistics {

  public NumericFeatureStatistics {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inferredType, "inferredType");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(distribution, "distribution");
    if (counts.present() < 0 || counts.missing() < 0 || counts.nonNumeric() < 0 || counts.nonNumeric() > counts.present()) {
      throw new IllegalArgumentException(
          "feature '" + name + "' counts must be >= 0 with num_non_numeric <= num_present, found present="
              + counts.present() + " missing=" + counts.missing() + " non_numeric=" + counts.nonNumeric());
    }
    for (double v : new double[] {summary.mean(), summary.sum(), summary.stdDev(), summary.min(), summary.max()}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("feature '" + name + "' statistics must be finite, found " + v);
      }
    }
  }

  /**
   * Value counts.
   *
   * @param present values present, numbers and non-numbers alike
   * @param missing values missing
   * @param nonNumeric present values that are not finite numbers (in memory only: the file format has
   *     no field for it, so this is 0 for statistics read from JSON)
   */
  public record Counts(long present, long missing, long nonNumeric) {}

  /**
   * Computed over the values that parse as finite numbers; all 0 when there is none.
   *
   * @param mean arithmetic mean
   * @param sum sum
   * @param stdDev population standard deviation
   * @param min smallest number
   * @param max largest number
   */
  public record Summary(double mean, double sum, double stdDev, double min, double max) {
    /** No number seen. */
    public static final Summary NONE = new Summary(0, 0, 0, 0, 0);
  }

  /**
   * The distribution of the numbers.
   *
   * @param buckets ten equal-width buckets between min and max (empty when there is no number)
   * @param sketch the KLL sketch
   */
  public record Distribution(List<KllBucket> buckets, KllSketchData sketch) {
    public Distribution {
      buckets = List.copyOf(buckets);
      Objects.requireNonNull(sketch, "sketch");
    }
  }

  @Override
  public long numPresent() {
    return counts.present();
  }

  @Override
  public long numMissing() {
    return counts.missing();
  }

  /** Present values that are not finite numbers. */
  public long numNonNumeric() {
    return counts.nonNumeric();
  }

  /** Number of values that parsed as numbers. */
  public long numNumeric() {
    return counts.present() - counts.nonNumeric();
  }
}
