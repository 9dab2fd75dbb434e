package dev.rookery.ml.stats;

import java.util.Objects;

/**
 * {@code constraints.json} {@code monitoring_config}: what the monitor checks and its thresholds.
 *
 * @param evaluateConstraints whether violations are computed at all (default true)
 * @param emitMetrics whether CloudWatch metrics are written (default true)
 * @param datatypeCheckThreshold largest acceptable fraction of values whose type differs from
 *     the baseline's (default 0.1)
 * @param domainContentThreshold largest acceptable fraction of categorical values outside the
 *     baseline's domain (default 0.1)
 * @param distributionConstraints drift settings
 */
public record MonitoringConfig(
    boolean evaluateConstraints,
    boolean emitMetrics,
    double datatypeCheckThreshold,
    double domainContentThreshold,
    DistributionConstraints distributionConstraints) {

  public MonitoringConfig {
    Objects.requireNonNull(distributionConstraints, "distributionConstraints");
    requireFraction("datatype_check_threshold", datatypeCheckThreshold);
    requireFraction("domain_content_threshold", domainContentThreshold);
  }

  /** Model Monitor's documented defaults (thresholds 0.1), with the Robust comparison method. */
  public static MonitoringConfig defaults() {
    return new MonitoringConfig(true, true, 0.1, 0.1, DistributionConstraints.defaults());
  }

  static void requireFraction(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1], found " + value);
    }
  }
}
