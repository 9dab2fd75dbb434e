package dev.rookery.ml.tune;

import dev.rookery.settings.ParameterRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A Tree-structured Parzen Estimator (Bergstra et al. 2011, the algorithm behind hyperopt and
 * Optuna's default sampler), over SageMaker-shaped ranges. The Maven artifacts we may use offer
 * no TPE or Bayesian optimiser (Smile has Gaussian process regression, but under GPL-3.0), so
 * this is a small one: each range is mapped to [0, 1] (log-scaled ranges in log space); the
 * trials so far are split into the best quarter ("good") and the rest; per range a Parzen
 * density is fitted to each group (Gaussian kernels plus a uniform prior; categorical: smoothed
 * counts); {@value #CANDIDATES} candidates are drawn from the good density and the one with the
 * highest good/rest density ratio is proposed. Ranges are treated as independent, so a range an
 * algorithm ignores only adds noise.
 */
final class Tpe {
  /** Candidates drawn from the good density per proposal (hyperopt's default). */
  static final int CANDIDATES = 24;
  /** Fraction of trials counted as good. */
  static final double GAMMA = 0.25;

  private final List<ParameterRange> ranges;

  Tpe(List<ParameterRange> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * Proposes values for every range from the observed trials.
   *
   * @param observed each trial's values (by range name) and its objective (higher is better)
   * @param random the draws; the proposal is a function of it and {@code observed}
   */
  Map<String, String> propose(List<Observation> observed, Random random) {
    if (observed.isEmpty()) {
      return sample(random);
    }
    List<Observation> sorted = new ArrayList<>(observed);
    sorted.sort(Comparator.comparingDouble(Observation::objective).reversed()); // stable: earlier first on ties
    int goodCount = Math.max(1, (int) Math.ceil(GAMMA * sorted.size()));
    List<Observation> good = sorted.subList(0, goodCount);
    List<Observation> rest = sorted.subList(goodCount, sorted.size());
    Map<String, String> best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < CANDIDATES; c++) {
      Map<String, String> candidate = new TreeMap<>();
      double score = 0;
      for (ParameterRange range : ranges) {
        Density l = density(range, good);
        Density g = density(range, rest);
        double u = l.sample(random);
        candidate.put(range.name(), fromUnit(range, u));
        score += Math.log(l.at(u)) - Math.log(g.at(u));
      }
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    return best;
  }

  /** Uniform draws for every range (the startup trials). */
  Map<String, String> sample(Random random) {
    Map<String, String> values = new TreeMap<>();
    for (ParameterRange range : ranges) {
      values.put(range.name(), range.sample(random));
    }
    return values;
  }

  /** One finished trial: its values by range name and its objective. */
  record Observation(Map<String, String> values, double objective) {}

  private interface Density {
    double at(double u);

    double sample(Random random);
  }

  private static Density density(ParameterRange range, List<Observation> trials) {
    double[] points = trials.stream().mapToDouble(t -> toUnit(range, t.values().get(range.name()))).toArray();
    if (range instanceof ParameterRange.Categorical c) {
      int k = c.values().size();
      double[] weights = new double[k];
      java.util.Arrays.fill(weights, 1.0); // the prior: one pseudo-count each
      for (double p : points) {
        weights[(int) Math.round(p * (k - 1))]++;
      }
      double total = java.util.Arrays.stream(weights).sum();
      return new Density() {
        @Override
        public double at(double u) {
          return weights[(int) Math.round(u * (k - 1))] / total;
        }

        @Override
        public double sample(Random random) {
          double r = random.nextDouble() * total;
          for (int i = 0; i < k; i++) {
            r -= weights[i];
            if (r < 0) {
              return k == 1 ? 0 : (double) i / (k - 1);
            }
          }
          return 1;
        }
      };
    }
    int n = points.length;
    double mean = java.util.Arrays.stream(points).average().orElse(0.5);
    double sd = n < 2 ? 0.3 : Math.sqrt(java.util.Arrays.stream(points).map(p -> (p - mean) * (p - mean)).sum() / (n - 1));
    // Scott's rule, kept between a twentieth and half of the range so one lucky point does not
    // collapse the search and many points still resolve a peak.
    double h = Math.max(0.05, Math.min(0.5, 1.06 * Math.max(sd, 0.05) * Math.pow(n + 1, -0.2)));
    return new Density() {
      @Override
      public double at(double u) {
        double sum = 1.0; // the uniform prior, weight one point
        for (double p : points) {
          double z = (u - p) / h;
          sum += Math.exp(-0.5 * z * z) / (h * Math.sqrt(2 * Math.PI));
        }
        return sum / (n + 1);
      }

      @Override
      public double sample(Random random) {
        int component = random.nextInt(n + 1);
        if (component == n) {
          return random.nextDouble();
        }
        for (int attempt = 0; attempt < 16; attempt++) {
          double u = points[component] + h * random.nextGaussian();
          if (u >= 0 && u <= 1) {
            return u;
          }
        }
        return Math.max(0, Math.min(1, points[component]));
      }
    };
  }

  /** The value's position in its range, in [0, 1]. */
  static double toUnit(ParameterRange range, String value) {
    if (range instanceof ParameterRange.Categorical c) {
      return c.values().size() == 1 ? 0 : (double) c.values().indexOf(value) / (c.values().size() - 1);
    }
    if (range instanceof ParameterRange.Continuous r) {
      return unit(Double.parseDouble(value), r.min(), r.max(), log(r.scaling()));
    }
    ParameterRange.IntegerRange r = (ParameterRange.IntegerRange) range;
    return log(r.scaling())
        ? unit(Double.parseDouble(value), r.min(), r.max(), true)
        : (Long.parseLong(value) - r.min() + 0.5) / (r.max() - r.min() + 1);
  }

  /** The range's value at {@code u} in [0, 1], as a SageMaker-style string. */
  static String fromUnit(ParameterRange range, double u) {
    if (range instanceof ParameterRange.Categorical c) {
      return c.values().get((int) Math.round(u * (c.values().size() - 1)));
    }
    if (range instanceof ParameterRange.Continuous r) {
      return String.format(Locale.ROOT, "%.6g", value(u, r.min(), r.max(), log(r.scaling()))).strip();
    }
    ParameterRange.IntegerRange r = (ParameterRange.IntegerRange) range;
    long v = log(r.scaling())
        ? Math.round(value(u, r.min(), r.max(), true))
        : r.min() + (long) Math.floor(u * (r.max() - r.min() + 1));
    return Long.toString(Math.max(r.min(), Math.min(r.max(), v)));
  }

  private static boolean log(ParameterRange.Scaling scaling) {
    return scaling == ParameterRange.Scaling.LOGARITHMIC;
  }

  private static double unit(double v, double min, double max, boolean log) {
    if (max == min) {
      return 0.5;
    }
    double u = log ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v - min) / (max - min);
    return Math.max(0, Math.min(1, u));
  }

  private static double value(double u, double min, double max, boolean log) {
    return log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  }
}
