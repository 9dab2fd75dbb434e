package dev.rookery.ml.stats;

import java.util.Objects;

/**
 * {@code monitoring_config.distribution_constraints}: when a distribution has drifted.
 *
 * @param performComparison whether {@code baseline_drift_check} runs at all
 * @param comparisonThreshold largest acceptable distance for numeric features (default 0.1)
 * @param comparisonMethod Simple or Robust (default {@link ComparisonMethod#ROBUST}, see there)
 * @param categoricalComparisonThreshold largest acceptable distance for categorical features
 *     (default 0.1)
 * @param categoricalDriftMethod the categorical distance; only {@code LInfinity} is implemented
 */
public record DistributionConstraints(
    boolean performComparison,
    double comparisonThreshold,
    ComparisonMethod comparisonMethod,
    double categoricalComparisonThreshold,
    String categoricalDriftMethod) {

  /** The only categorical distance Rookery computes. */
  public static final String L_INFINITY = "LInfinity";

  public DistributionConstraints {
    Objects.requireNonNull(comparisonMethod, "comparisonMethod");
    MonitoringConfig.requireFraction("comparison_threshold", comparisonThreshold);
    MonitoringConfig.requireFraction("categorical_comparison_threshold", categoricalComparisonThreshold);
    if (!L_INFINITY.equals(categoricalDriftMethod)) {
      throw new IllegalArgumentException(
          "categorical_drift_method must be LInfinity (the only one implemented), found '"
              + categoricalDriftMethod + "'");
    }
  }

  /** Model Monitor's documented defaults, with the Robust method. */
  public static DistributionConstraints defaults() {
    return new DistributionConstraints(true, 0.1, ComparisonMethod.ROBUST, 0.1, L_INFINITY);
  }
}
