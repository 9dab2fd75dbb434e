package dev.rookery.ml.stats;

import java.util.List;
import java.util.Objects;

/**
 * Constraints on one feature ({@code constraints.json} {@code features[]}).
 *
 * @param name feature name
 * @param inferredType the type the values must have
 * @param completeness the smallest acceptable fraction of present values, in [0, 1]
 * @param isNonNegative numeric features: whether every value must be {@code >= 0}; null for
 *     categorical features
 * @param domains categorical features of small cardinality: the known values; null when there is
 *     no domain constraint
 */
public record FeatureConstraints(
    String name, InferredType inferredType, double completeness, Boolean isNonNegative, List<String> domains) {
  public FeatureConstraints {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inferredType, "inferredType");
    if (!(completeness >= 0 && completeness <= 1)) {
      throw new IllegalArgumentException(
          "feature '" + name + "' completeness must be in [0, 1], found " + completeness);
    }
    domains = domains == null ? null : List.copyOf(domains);
  }
}
