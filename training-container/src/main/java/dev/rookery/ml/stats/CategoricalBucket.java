package dev.rookery.ml.stats;

import java.util.Objects;

/**
 * One category and how often it occurred ({@code distribution.categorical.buckets[]}).
 *
 * @param value the category, as received
 * @param count occurrences, never negative
 */
public record CategoricalBucket(String value, long count) {
  public CategoricalBucket {
    Objects.requireNonNull(value, "value");
    if (count < 0) {
      throw new IllegalArgumentException("categorical bucket count must be >= 0, found " + count);
    }
  }
}
