package dev.rookery.ml.stats;

/**
 * How {@code baseline_drift_check} turns the L-infinity distance between two distributions into a
 * decision ({@code monitoring_config.distribution_constraints.comparison_method}).
 */
public enum ComparisonMethod {
  /** Model Monitor's {@code linf_simple}: the raw L-infinity distance against the threshold. */
  SIMPLE,
  /**
   * Model Monitor's {@code linf_robust}, "based on the two-sample Kolmogorov-Smirnov test" and meant
   * for small samples. Rookery's formula: the raw distance minus the two-sample KS critical value
   * at the 5 % level, {@code 1.358 * sqrt((n + m) / (n * m))}, floored at 0. It converges to the
   * simple distance as the samples grow and removes what sampling noise alone explains in an hourly
   * window of a few dozen records.
   */
  ROBUST;

  /** The name used in {@code constraints.json}: {@code Simple} or {@code Robust}. */
  public String wireName() {
    return WireNames.of(this);
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException naming the value when it is neither Simple nor Robust
   */
  public static ComparisonMethod fromWireName(String name) {
    return WireNames.parse(ComparisonMethod.class, "comparison_method", name);
  }
}
