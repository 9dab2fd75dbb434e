package dev.rookery.ml.stats;

/**
 * One of the ten equal-width buckets of a numeric distribution ({@code distribution.kll.buckets[]}).
 * The first bucket includes its lower bound; every bucket includes its upper bound.
 *
 * @param lowerBound lower edge
 * @param upperBound upper edge, not below {@code lowerBound}
 * @param count number of values in the bucket, estimated from the KLL sketch (exact while the
 *     sketch has not compacted), never negative
 */
public record KllBucket(double lowerBound, double upperBound, double count) {
  public KllBucket {
    if (upperBound < lowerBound) {
      throw new IllegalArgumentException(
          "bucket upper_bound must not be below lower_bound " + lowerBound + ", found " + upperBound);
    }
    if (!(count >= 0)) {
      throw new IllegalArgumentException("bucket count must be >= 0, found " + count);
    }
  }
}
