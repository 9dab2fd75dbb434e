package dev.rookery.ml.stats;

/**
 * How Rookery reads one raw value: null, blank and {@code NA} are missing; a number is what
 * {@link Double#parseDouble} accepts as a finite decimal (no {@code NaN}, {@code Infinity}, hex or
 * {@code d}/{@code f} suffixes, which Java would otherwise accept).
 */
public final class RawValues {
  private RawValues() {}

  /** True when the value counts as missing. */
  public static boolean isMissing(String raw) {
    // One definition for the model and the monitor: a value one counts as missing, the other imputes.
    return dev.rookery.ml.dataset.Values.isMissing(raw);
  }

  /**
   * The value as a finite number, or {@link Double#NaN} when it is not one.
   *
   * @param raw a present value (see {@link #isMissing})
   */
  public static double parseNumber(String raw) {
    // One definition of a number too: the monitor's numeric statistics count what the model reads.
    return dev.rookery.ml.dataset.Values.parseNumber(raw);
  }
}
