package dev.rookery.ml.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * One tunable hyperparameter range, in the shapes of SageMaker's {@code ParameterRanges}
 * ({@code ContinuousParameterRanges}, {@code IntegerParameterRanges}, {@code
 * CategoricalParameterRanges}). {@link #sample(Random)} draws a value as a SageMaker-style string.
 */
public sealed interface ParameterRange
    permits ParameterRange.Continuous, ParameterRange.IntegerRange, ParameterRange.Categorical {

  /** Hyperparameter name. */
  String name();

  /** Draws one value. */
  String sample(Random random);

  /** {@code ScalingType}: {@code Auto} and {@code Linear} sample uniformly, {@code Logarithmic} log-uniformly. */
  enum Scaling {
    AUTO,
    LINEAR,
    LOGARITHMIC;

    static Scaling parse(String name, String value) {
      String v = value == null ? "Auto" : value;
      return switch (v) {
        case "Auto" -> AUTO;
        case "Linear" -> LINEAR;
        case "Logarithmic" -> LOGARITHMIC;
        default -> throw new IllegalArgumentException(
            "range '" + name + "': ScalingType must be Auto, Linear or Logarithmic, found '" + v + "'");
      };
    }
  }

  /** A continuous range [min, max]. */
  record Continuous(String name, double min, double max, Scaling scaling) implements ParameterRange {
    public Continuous {
      Objects.requireNonNull(name, "name");
      if (!(min <= max) || (scaling == Scaling.LOGARITHMIC && !(min > 0))) {
        throw new IllegalArgumentException(
            "range '" + name + "': need MinValue <= MaxValue (and > 0 for Logarithmic), found " + min + ".." + max);
      }
    }

    @Override
    public String sample(Random random) {
      double u = random.nextDouble();
      double v = scaling == Scaling.LOGARITHMIC
          ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
          : min + u * (max - min);
      // Six significant digits: readable in logs and hyperparameters.json, still fine-grained.
      return String.format(Locale.ROOT, "%.6g", v).strip();
    }
  }

  /** An integer range [min, max]. */
  record IntegerRange(String name, long min, long max, Scaling scaling) implements ParameterRange {
    public IntegerRange {
      Objects.requireNonNull(name, "name");
      if (min > max || (scaling == Scaling.LOGARITHMIC && min < 1)) {
        throw new IllegalArgumentException(
            "range '" + name + "': need MinValue <= MaxValue (and >= 1 for Logarithmic), found " + min + ".." + max);
      }
    }

    @Override
    public String sample(Random random) {
      if (scaling == Scaling.LOGARITHMIC) {
        double u = random.nextDouble();
        long v = Math.round(Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))));
        return Long.toString(Math.max(min, Math.min(max, v)));
      }
      return Long.toString(min + (long) Math.floor(random.nextDouble() * (max - min + 1)));
    }
  }

  /** A categorical range: one of the values. */
  record Categorical(String name, List<String> values) implements ParameterRange {
    public Categorical {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("range '" + name + "': Values must not be empty");
      }
    }

    @Override
    public String sample(Random random) {
      return values.get(random.nextInt(values.size()));
    }
  }
}
