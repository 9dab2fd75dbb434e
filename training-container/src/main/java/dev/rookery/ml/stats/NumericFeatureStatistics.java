package dev.rookery.ml.stats;

import java.util.List;
import java.util.Objects;

/**
 * Statistics of a numeric feature. Mean, sum, standard deviation (population), min and max are
 * computed over the values that parse as finite numbers; they are 0 when there is none.
 *
 * @param name feature name
 * @param inferredType {@code Integral} when every number is whole, {@code Fractional} otherwise;
 *     {@code String} when most present values were not numbers
 * @param numPresent values present, numbers and non-numbers alike
 * @param numMissing values missing
 * @param numNonNumeric present values that are not finite numbers (in memory only: the file format
 *     has no field for it, so this is 0 for statistics read from JSON)
 * @param mean arithmetic mean of the numbers
 * @param sum sum of the numbers
 * @param stdDev population standard deviation of the numbers
 * @param min smallest number
 * @param max largest number
 * @param buckets ten equal-width buckets between min and max (empty when there is no number)
 * @param sketch the KLL sketch of the numbers
 */
public record NumericFeatureStatistics(
    String name,
    InferredType inferredType,
    long numPresent,
    long numMissing,
    long numNonNumeric,
    double mean,
    double sum,
    double stdDev,
    double min,
    double max,
    List<KllBucket> buckets,
    KllSketchData sketch)
    implements FeatureStatistics {

  public NumericFeatureStatistics {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inferredType, "inferredType");
    Objects.requireNonNull(sketch, "sketch");
    buckets = List.copyOf(buckets);
    if (numPresent < 0 || numMissing < 0 || numNonNumeric < 0 || numNonNumeric > numPresent) {
      throw new IllegalArgumentException(
          "feature '" + name + "' counts must be >= 0 with num_non_numeric <= num_present, found present="
              + numPresent + " missing=" + numMissing + " non_numeric=" + numNonNumeric);
    }
    for (double v : new double[] {mean, sum, stdDev, min, max}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "feature '" + name + "' statistics must be finite, found " + v);
      }
    }
  }

  /** Number of values that parsed as numbers. */
  public long numNumeric() {
    return numPresent - numNonNumeric;
  }
}
