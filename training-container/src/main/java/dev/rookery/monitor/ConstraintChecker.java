package dev.rookery.monitor;

import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.stats.CategoricalBucket;
import dev.rookery.ml.stats.Constraints;
import dev.rookery.ml.stats.DatasetStatistics;
import dev.rookery.ml.stats.DistributionConstraints;
import dev.rookery.ml.stats.FeatureConstraints;
import dev.rookery.ml.stats.FeatureStatistics;
import dev.rookery.ml.stats.KllSketchData;
import dev.rookery.ml.stats.MonitoringConfig;
import dev.rookery.ml.stats.NumericFeatureStatistics;
import dev.rookery.ml.stats.StringFeatureStatistics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges a window's statistics against the baseline statistics and constraints, feature by feature
 * in baseline order, with the thresholds of the constraints' {@code monitoring_config}:
 *
 * <ul>
 *   <li>{@code missing_column_check}: a baseline feature with no value at all in a non-empty
 *       window (a JSON field nobody sends), or CSV rows with fewer columns than the baseline. A
 *       missing feature gets no other check: its absence is the one cause.
 *   <li>{@code extra_column_check}: JSON fields that are not features; CSV rows with more columns.
 *   <li>{@code data_type_check}: a numeric feature where more than {@code datatype_check_threshold}
 *       of the present values are not numbers. Integral and Fractional values both satisfy a numeric
 *       baseline (the model reads both).
 *   <li>{@code completeness_check}: the fraction of present values below the feature's
 *       {@code completeness} constraint, with no tolerance of its own: the constraint is already
 *       the lower bound that the baseline suggested (Deequ's rule, see {@link Constraints#suggest}),
 *       as Model Monitor's check reads it.
 *   <li>{@code categorical_values_check}: more than {@code domain_content_threshold} of a
 *       categorical feature's values outside its {@code domains}.
 *   <li>{@code baseline_drift_check}: {@link FeatureDrift#drifted()} with the L-infinity distance
 *       between CDFs (numeric, from the KLL sketches) or category frequencies (categorical).
 * </ul>
 */
public final class ConstraintChecker {
  private ConstraintChecker() {}

  /** The outcome: violations and per-feature drift. */
  public record Outcome(List<Violation> violations, List<FeatureDrift> drifts) {
    public Outcome {
      violations = List.copyOf(violations);
      drifts = List.copyOf(drifts);
    }
  }

  /**
   * Checks a window.
   *
   * @param baseline the baseline statistics
   * @param constraints the baseline constraints
   * @param current the window's statistics (same features, same order)
   * @param extraFields JSON fields that are not features, with their counts
   * @param misalignedByWidth CSV records of another column count, by count
   */
  public static Outcome check(
      DatasetStatistics baseline,
      Constraints constraints,
      DatasetStatistics current,
      Map<String, Long> extraFields,
      Map<Integer, Long> misalignedByWidth) {
    List<Violation> violations = new ArrayList<>();
    List<FeatureDrift> drifts = new ArrayList<>();
    MonitoringConfig config = constraints.monitoringConfig();
    long items = current.itemCount();
    long misaligned = misalignedByWidth.values().stream().mapToLong(Long::longValue).sum();
    if (!config.evaluateConstraints() || items + misaligned + extraFields.size() == 0) {
      return new Outcome(violations, drifts);
    }
    int width = baseline.features().size();
    misalignedByWidth.forEach((w, count) -> {
      if (w < width) {
        violations.add(new Violation("", CheckType.MISSING_COLUMN_CHECK, String.format(Locale.ROOT,
            "There are missing columns in the current dataset: %d CSV records have %d columns, the baseline has %d.",
            count, w, width)));
      } else {
        violations.add(new Violation("", CheckType.EXTRA_COLUMN_CHECK, String.format(Locale.ROOT,
            "There are extra columns in the current dataset: %d CSV records have %d columns, the baseline has %d.",
            count, w, width)));
      }
    });
    extraFields.forEach((name, count) -> violations.add(new Violation(name, CheckType.EXTRA_COLUMN_CHECK,
        String.format(Locale.ROOT,
            "Column %s is not in the baseline; %d request bodies held it.", name, count))));
    if (items == 0) {
      return new Outcome(violations, drifts);
    }
    Set<String> missing = new HashSet<>();
    for (FeatureStatistics base : baseline.features()) {
      FeatureStatistics cur = current.feature(base.name()).orElseThrow();
      if (cur.numPresent() == 0 && base.numPresent() > 0) {
        missing.add(base.name());
        violations.add(new Violation(base.name(), CheckType.MISSING_COLUMN_CHECK, String.format(Locale.ROOT,
            "Column %s has no value in any of the %d records of the current dataset; the baseline has it in %s of its records.",
            base.name(), items, percent(base.completeness()))));
      }
    }
    for (FeatureStatistics base : baseline.features()) {
      if (missing.contains(base.name())) {
        continue;
      }
      FeatureStatistics cur = current.feature(base.name()).orElseThrow();
      FeatureConstraints fc = constraints.feature(base.name()).orElse(null);
      if (base instanceof NumericFeatureStatistics nb && cur instanceof NumericFeatureStatistics nc) {
        checkDataType(nb, nc, fc, config, violations);
      }
      if (fc != null && cur.completeness() < fc.completeness()) {
        violations.add(new Violation(base.name(), CheckType.COMPLETENESS_CHECK, String.format(Locale.ROOT,
            "Completeness of %s is %s (%d of %d values present), below the baseline's completeness constraint %s.",
            base.name(), percent(cur.completeness()), cur.numPresent(), cur.numPresent() + cur.numMissing(),
            percent(fc.completeness()))));
      }
      if (cur instanceof StringFeatureStatistics sc && fc != null && fc.domains() != null && sc.numPresent() > 0) {
        checkDomain(sc, fc, config, violations);
      }
      if (config.distributionConstraints().performComparison()) {
        FeatureDrift drift = drift(base, cur, config.distributionConstraints());
        if (drift != null) {
          drifts.add(drift);
          if (drift.drifted()) {
            violations.add(new Violation(base.name(), CheckType.BASELINE_DRIFT_CHECK, describe(drift)));
          }
        }
      }
    }
    return new Outcome(violations, drifts);
  }

  private static void checkDataType(
      NumericFeatureStatistics base, NumericFeatureStatistics cur, FeatureConstraints fc,
      MonitoringConfig config, List<Violation> violations) {
    if (cur.numPresent() == 0) {
      return;
    }
    double wrong = (double) cur.numNonNumeric() / cur.numPresent();
    if (wrong > config.datatypeCheckThreshold()) {
      String expected = fc != null ? fc.inferredType().wireName() : base.inferredType().wireName();
      violations.add(new Violation(base.name(), CheckType.DATA_TYPE_CHECK, String.format(Locale.ROOT,
          "Data type of %s is %s in the baseline, but %d of %d present values (%s) are not numbers, above datatype_check_threshold %s.",
          base.name(), expected, cur.numNonNumeric(), cur.numPresent(), percent(wrong),
          number(config.datatypeCheckThreshold()))));
    }
  }

  private static void checkDomain(
      StringFeatureStatistics cur, FeatureConstraints fc, MonitoringConfig config, List<Violation> violations) {
    Set<String> domain = new HashSet<>(fc.domains());
    long outside = 0;
    List<String> unknown = new ArrayList<>();
    for (CategoricalBucket b : cur.buckets()) {
      if (!domain.contains(b.value())) {
        outside += b.count();
        if (unknown.size() < 5) {
          unknown.add(b.value());
        }
      }
    }
    double fraction = (double) outside / cur.numPresent();
    if (fraction > config.domainContentThreshold()) {
      violations.add(new Violation(cur.name(), CheckType.CATEGORICAL_VALUES_CHECK, String.format(Locale.ROOT,
          "%d of %d values of %s (%s) are outside the baseline domain %s, above domain_content_threshold %s; unknown values include %s.",
          outside, cur.numPresent(), cur.name(), percent(fraction), fc.domains(),
          number(config.domainContentThreshold()), unknown)));
    }
  }

  /** The drift of one feature, or null when the window has no value to compare. */
  static FeatureDrift drift(FeatureStatistics base, FeatureStatistics cur, DistributionConstraints d) {
    if (base instanceof NumericFeatureStatistics nb && cur instanceof NumericFeatureStatistics nc) {
      if (nc.numNumeric() == 0 || nb.distribution().sketch().isEmpty()) {
        return null;
      }
      double linf = KllSketchData.linfDistance(nb.distribution().sketch(), nc.distribution().sketch());
      return new FeatureDrift(base.name(), FeatureType.NUMERIC, d.comparisonMethod(), d.comparisonThreshold(), linf,
          new FeatureDrift.SampleSizes(Math.round(nb.distribution().sketch().totalWeight()), nc.numNumeric()));
    }
    if (base instanceof StringFeatureStatistics sb && cur instanceof StringFeatureStatistics sc) {
      long n = sb.buckets().stream().mapToLong(CategoricalBucket::count).sum();
      long m = sc.buckets().stream().mapToLong(CategoricalBucket::count).sum();
      if (n == 0 || m == 0) {
        return null;
      }
      Set<String> categories = new HashSet<>();
      sb.buckets().forEach(b -> categories.add(b.value()));
      sc.buckets().forEach(b -> categories.add(b.value()));
      double linf = 0;
      for (String c : categories) {
        linf = Math.max(linf, Math.abs((double) sb.countOf(c) / n - (double) sc.countOf(c) / m));
      }
      return new FeatureDrift(base.name(), FeatureType.CATEGORICAL, d.comparisonMethod(),
          d.categoricalComparisonThreshold(), linf, new FeatureDrift.SampleSizes(n, m));
    }
    return null;
  }

  private static String describe(FeatureDrift d) {
    return String.format(Locale.ROOT,
        "Baseline drift distance of %s is %s, above the threshold %s (%s method, L-infinity distance between %s: %s"
            + ", KS critical value %s for %d baseline and %d current values).",
        d.featureName(), number(d.distance()), number(d.threshold()), d.method().wireName(),
        d.categorical() ? "category frequencies" : "CDFs", number(d.linfDistance()), number(d.ksCriticalValue()),
        d.sizes().baseline(), d.sizes().current());
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
