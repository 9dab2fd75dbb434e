package dev.rookery.ml.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    features = FeatureList.uniqueNames(features, FeatureConstraints::name);
    java.util.Objects.requireNonNull(monitoringConfig, "monitoringConfig");
  }

  /** The named feature's constraints, if present. */
  public Optional<FeatureConstraints> feature(String name) {
    return FeatureList.find(features, FeatureConstraints::name, name);
  }

  /**
   * Suggests constraints from baseline statistics, as Model Monitor's baselining job does (it runs
   * Deequ's constraint suggestion, https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-quality.html):
   * the inferred type; {@code is_non_negative} when the minimum is at least 0; the domain of
   * categorical features with at most {@link #MAX_DOMAIN_SIZE} values; and the completeness of
   * Deequ's rules: 1.0 for a complete feature ({@code CompleteIfCompleteRule}); for a completeness
   * p in (0.2, 1) over n records, the lower bound of its 95 % normal confidence interval, {@code p -
   * 1.96 sqrt(p (1 - p) / n)}, rounded down to two decimals ({@code RetainCompletenessRule},
   * awslabs/deequ {@code suggestions/rules/RetainCompletenessRule.scala}: {@code
   * setScale(2, RoundingMode.DOWN)}); no lower bound (0) at or below 0.2, where Deequ suggests none.
   * The monitor's {@code completeness_check} flags a window whose completeness is below this value,
   * the rule of Model Monitor's {@code completeness_check}
   * (https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-interpreting-violations.html).
   */
  public static Constraints suggest(DatasetStatistics statistics) {
    List<FeatureConstraints> out = new ArrayList<>();
    for (FeatureStatistics f : statistics.features()) {
      double completeness = suggestedCompleteness(f);
      if (f instanceof NumericFeatureStatistics n) {
        out.add(new FeatureConstraints(n.name(), n.inferredType(), completeness, n.summary().min() >= 0, null));
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
    if (p <= 0.2) {
      return 0.0;
    }
    double lower = p - 1.96 * Math.sqrt(p * (1 - p) / n);
    // Two decimals, rounded down, exactly as Deequ: BigDecimal of the double, not Math.floor(x * 100),
    // whose product can round up across a boundary.
    return Math.max(0, new BigDecimal(lower).setScale(2, RoundingMode.DOWN).doubleValue());
  }
}
