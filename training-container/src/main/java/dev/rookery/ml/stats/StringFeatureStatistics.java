package dev.rookery.ml.stats;

import java.util.List;
import java.util.Objects;

/**
 * Statistics of a categorical feature.
 *
 * @param name feature name
 * @param numPresent values present
 * @param numMissing values missing
 * @param distinctCount distinct values (exact up to {@link StatisticsAccumulator#MAX_TRACKED_CATEGORIES},
 *     a HyperLogLog estimate above)
 * @param buckets categories and counts, most frequent first (ties by value); only the first
 *     {@link StatisticsAccumulator#MAX_TRACKED_CATEGORIES} distinct values are tracked
 */
public record StringFeatureStatistics(
    String name, long numPresent, long numMissing, long distinctCount, List<CategoricalBucket> buckets)
    implements FeatureStatistics {

  public StringFeatureStatistics {
    Objects.requireNonNull(name, "name");
    buckets = List.copyOf(buckets);
    if (numPresent < 0 || numMissing < 0 || distinctCount < 0) {
      throw new IllegalArgumentException(
          "feature '" + name + "' counts must be >= 0, found present=" + numPresent + " missing="
              + numMissing + " distinct=" + distinctCount);
    }
  }

  @Override
  public InferredType inferredType() {
    return InferredType.STRING;
  }

  /** Count of the given category, 0 if it was not seen. */
  public long countOf(String value) {
    for (CategoricalBucket b : buckets) {
      if (b.value().equals(value)) {
        return b.count();
      }
    }
    return 0;
  }
}
