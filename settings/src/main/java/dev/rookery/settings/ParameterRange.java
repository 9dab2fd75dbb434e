package dev.rookery.settings;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * One tunable hyperparameter range, in the shapes of SageMaker's {@code ParameterRanges}
 * ({@code ContinuousParameterRanges}, {@code IntegerParameterRanges}, {@code
 * CategoricalParameterRanges}). {@link #sample(Random)} draws a value as a SageMaker-style string.
 * The constructors throw {@link SettingsException} with the range's own path empty.
 */
public sealed interface ParameterRange
    permits ParameterRange.Continuous, ParameterRange.IntegerRange, ParameterRange.Categorical {

  /** The keys of {@code parameter_ranges}, in the order ranges are declared and written. */
  List<String> KINDS = List.of("ContinuousParameterRanges", "IntegerParameterRanges", "CategoricalParameterRanges");

  /** Hyperparameter name. */
  String name();

  /** Draws one value. */
  String sample(Random random);

  /** @return the key of {@code parameter_ranges} this range is listed under */
  default String kind() {
    return KINDS.get(this instanceof Continuous ? 0 : this instanceof IntegerRange ? 1 : 2);
  }

  /** @return the range as SageMaker writes it */
  Object toJson();

  /** {@code ScalingType}: {@code Auto} and {@code Linear} sample uniformly, {@code Logarithmic} log-uniformly. */
  enum Scaling {
    AUTO("Auto"),
    LINEAR("Linear"),
    LOGARITHMIC("Logarithmic");

    /** The {@code ScalingType} values accepted (SageMaker's {@code ReverseLogarithmic} is not sampled locally). */
    public static final List<String> NAMES = List.of("Auto", "Linear", "Logarithmic");

    private final String jsonName;

    Scaling(String jsonName) {
      this.jsonName = jsonName;
    }

    /** @return the {@code ScalingType} value */
    public String jsonName() {
      return jsonName;
    }

    /** @return the scaling named {@code value}, or {@code null} if none is */
    static Scaling of(String value) {
      for (Scaling s : values()) {
        if (s.jsonName.equals(value)) {
          return s;
        }
      }
      return null;
    }
  }

  private static Object numeric(String name, String min, String max, Scaling scaling) {
    return PipelineSettings.object("Name", name, "MinValue", min, "MaxValue", max, "ScalingType", scaling.jsonName());
  }

  private static SettingsException problem(String field, String message) {
    return new SettingsException("", List.of(new Problem(field, message)));
  }

  /** A continuous range [min, max]. */
  record Continuous(String name, double min, double max, Scaling scaling) implements ParameterRange {
    public Continuous {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(scaling, "scaling");
      if (!(min <= max)) {
        throw problem("MinValue", "must not exceed MaxValue " + max + " (range '" + name + "'), found " + min);
      }
      if (scaling == Scaling.LOGARITHMIC && !(min > 0)) {
        throw problem("MinValue", "must be more than 0 for Logarithmic scaling (range '" + name + "'), found " + min);
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

    @Override
    public Object toJson() {
      return numeric(name, Double.toString(min), Double.toString(max), scaling);
    }
  }

  /** An integer range [min, max]. */
  record IntegerRange(String name, long min, long max, Scaling scaling) implements ParameterRange {
    public IntegerRange {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(scaling, "scaling");
      if (min > max) {
        throw problem("MinValue", "must not exceed MaxValue " + max + " (range '" + name + "'), found " + min);
      }
      if (scaling == Scaling.LOGARITHMIC && min < 1) {
        throw problem("MinValue", "must be 1 or more for Logarithmic scaling (range '" + name + "'), found " + min);
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

    @Override
    public Object toJson() {
      return numeric(name, Long.toString(min), Long.toString(max), scaling);
    }
  }

  /** A categorical range: one of the values. */
  record Categorical(String name, List<String> values) implements ParameterRange {
    public Categorical {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw problem("Values", "must not be empty (range '" + name + "')");
      }
    }

    @Override
    public String sample(Random random) {
      return values.get(random.nextInt(values.size()));
    }

    @Override
    public Object toJson() {
      return PipelineSettings.object("Name", name, "Values", values);
    }
  }
}
