package dev.rookery.monitor;

import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.stats.ComparisonMethod;
import java.util.Objects;

/**
 * The drift of one feature between baseline and window.
 *
 * @param featureName the feature
 * @param type categorical (category frequencies are compared) or numeric (KLL CDFs)
 * @param method the comparison method of the baseline constraints
 * @param threshold the threshold {@link #distance} is compared with
 * @param linfDistance the L-infinity distance between the two CDFs (numeric) or the two category
 *     frequency vectors (categorical), in [0, 1]
 * @param sizes how many values each distribution holds
 */
public record FeatureDrift(
    String featureName, FeatureType type, ComparisonMethod method, double threshold, double linfDistance, SampleSizes sizes) {

  /** Coefficient of the two-sample KS critical value at the 5 % level. */
  public static final double KS_COEFFICIENT_5_PERCENT = 1.358;

  public FeatureDrift {
    Objects.requireNonNull(featureName, "featureName");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(sizes, "sizes");
  }

  /**
   * Sizes of the two samples compared.
   *
   * @param baseline values the baseline distribution holds
   * @param current values the window's distribution holds
   */
  public record SampleSizes(long baseline, long current) {}

  /** Whether category frequencies were compared. */
  public boolean categorical() {
    return type == FeatureType.CATEGORICAL;
  }

  /**
   * The two-sample Kolmogorov-Smirnov critical value at 5 % for the two sample sizes,
   * {@code 1.358 * sqrt((n + m) / (n m))}; 1 when a sample is empty.
   */
  public double ksCriticalValue() {
    double n = sizes.baseline();
    double m = sizes.current();
    return n > 0 && m > 0 ? KS_COEFFICIENT_5_PERCENT * Math.sqrt((n + m) / (n * m)) : 1;
  }

  /**
   * The distance the decision uses: {@code linfDistance} for Simple, {@code max(0, linfDistance -
   * ksCriticalValue)} for Robust; the value of the {@code feature_baseline_drift_<f>} metric.
   */
  public double distance() {
    return method == ComparisonMethod.SIMPLE ? linfDistance : Math.max(0, linfDistance - ksCriticalValue());
  }

  /** Whether the distance is above the threshold. */
  public boolean drifted() {
    return distance() > threshold;
  }
}
