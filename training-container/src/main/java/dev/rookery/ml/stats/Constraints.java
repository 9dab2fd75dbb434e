package dev.rookery.ml.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The content of a Model Monitor {@code constraints.json}.
 *
 * @param features per-feature constraints, names unique
 * @param monitoringConfig thresholds and switches
 */
public record Constraints(List<FeatureConstraints> features, MonitoringConfig monitoringConfig) {

  /** Categorical features with at most this many distinct values get a {@code domains} list. */
  public static final int MAX_DOMAIN_SIZE = 100;

  public Constraints {
    features = List.copyOf(features);
    java.util.Objects.requireNonNull(monitoringConfig, "monitoringConfig");
    Set<String> seen = new HashSet<>();
    for (FeatureConstraints f : features) {
      if (!seen.add(f.name())) {
        throw new IllegalArgumentException("feature names must be unique, found '" + f.name() + "' twice");
      }
    }
  }

  /** The named feature's constraints, if present. */
  public Optional<FeatureConstraints> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * Suggests constraints from baseline statistics, as Model Monitor's baselining job does:
   * the inferred type; {@code is_non_negative} when the minimum is at least 0; the domain of
   * categorical features with at most {@link #MAX_DOMAIN_SIZE} values; and a completeness that is
   * 1.0 for complete features and otherwise the lower bound of the 95 % normal confidence interval
   * of the observed completeness (the rule of Deequ's {@code RetainCompletenessRule}, which the
   * built-in analyzer uses), so that a window is not flagged for one missing value that the
   * baseline rate explains.
   */
  public static Constraints suggest(DatasetStatistics statistics) {
    List<FeatureConstraints> out = new ArrayList<>();
    for (FeatureStatistics f : statistics.features()) {
      double completeness = suggestedCompleteness(f);
      if (f instanceof NumericFeatureStatistics n) {
        out.add(new FeatureConstraints(n.name(), n.inferredType(), completeness, n.min() >= 0, null));
      } else {
        StringFeatureStatistics s = (StringFeatureStatistics) f;
        List<String> domains =
            s.distinctCount() <= MAX_DOMAIN_SIZE && s.distinctCount() == s.buckets().size()
                ? s.buckets().stream().map(CategoricalBucket::value).sorted().toList()
                : null;
        out.add(new FeatureConstraints(s.name(), InferredType.STRING, completeness, null, domains));
      }
    }
    return new Constraints(out, MonitoringConfig.defaults());
  }

  private static double suggestedCompleteness(FeatureStatistics f) {
    long n = f.numPresent() + f.numMissing();
    double p = f.completeness();
    if (n == 0 || p == 1.0) {
      return 1.0;
    }
    double lower = p - 1.96 * Math.sqrt(p * (1 - p) / n);
    // Rounded so that the file reads well; never above the observed value.
    return Math.max(0, Math.floor(lower * 10_000) / 10_000);
  }
}
