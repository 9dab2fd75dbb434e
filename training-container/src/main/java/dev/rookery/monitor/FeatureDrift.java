package dev.rookery.monitor;

import dev.rookery.ml.stats.ComparisonMethod;
import java.util.Objects;

/**
 * The drift of one feature between baseline and window.
 *
 * @param featureName the feature
 * @param categorical whether the feature is categorical (frequencies) or numeric (KLL CDFs)
 * @param method the comparison method of the baseline constraints
 * @param linfDistance the L-infinity distance between the two CDFs (numeric) or the two category
 *     frequency vectors (categorical), in [0, 1]
 * @param ksCriticalValue the two-sample Kolmogorov-Smirnov critical value at 5 % for the two sample
 *     sizes, {@code 1.358 * sqrt((n + m) / (n m))}
 * @param distance the distance the decision uses: {@code linfDistance} for Simple,
 *     {@code max(0, linfDistance - ksCriticalValue)} for Robust; this is the value of the
 *     {@code feature_baseline_drift_<f>} metric
 * @param threshold the threshold it is compared with
 * @param baselineCount values the baseline distribution holds
 * @param currentCount values the window's distribution holds
 */
public record FeatureDrift(
    String featureName,
    boolean categorical,
    ComparisonMethod method,
    double linfDistance,
    double ksCriticalValue,
    double distance,
    double threshold,
    long baselineCount,
    long currentCount) {

  /** Coefficient of the two-sample KS critical value at the 5 % level. */
  public static final double KS_COEFFICIENT_5_PERCENT = 1.358;

  public FeatureDrift {
    Objects.requireNonNull(featureName, "featureName");
    Objects.requireNonNull(method, "method");
  }

  /** Builds the drift for a raw distance, applying the method. */
  public static FeatureDrift of(
      String feature, boolean categorical, ComparisonMethod method, double linf, double threshold,
      long baselineCount, long currentCount) {
    double n = baselineCount;
    double m = currentCount;
    double critical = n > 0 && m > 0 ? KS_COEFFICIENT_5_PERCENT * Math.sqrt((n + m) / (n * m)) : 1;
    double distance = method == ComparisonMethod.SIMPLE ? linf : Math.max(0, linf - critical);
    return new FeatureDrift(feature, categorical, method, linf, critical, distance, threshold, baselineCount, currentCount);
  }

  /** Whether the distance is above the threshold. */
  public boolean drifted() {
    return distance > threshold;
  }
}
