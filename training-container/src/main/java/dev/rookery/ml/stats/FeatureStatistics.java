package dev.rookery.ml.stats;

/**
 * Statistics of one feature ({@code statistics.json} {@code features[]}): numeric features carry
 * {@code numerical_statistics}, categorical ones {@code string_statistics}.
 */
public sealed interface FeatureStatistics permits NumericFeatureStatistics, StringFeatureStatistics {
  /** Feature name. */
  String name();

  /** Model Monitor's inferred type for the values seen. */
  InferredType inferredType();

  /** Values that were present (not null, blank or {@code NA}). */
  long numPresent();

  /** Values that were missing. */
  long numMissing();

  /** Fraction of present values, 1.0 when no record was seen. */
  default double completeness() {
    long total = numPresent() + numMissing();
    return total == 0 ? 1.0 : (double) numPresent() / total;
  }
}
