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
    String v = raw.strip();
    int n = v.length();
    if (n == 0) {
      return Double.NaN;
    }
    char first = v.charAt(0);
    char last = v.charAt(n - 1);
    boolean startOk = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
    boolean endOk = (last >= '0' && last <= '9') || last == '.';
    if (!startOk || !endOk) {
      return Double.NaN;
    }
    for (int i = 0; i < n; i++) {
      char ch = v.charAt(i);
      if (ch == 'x' || ch == 'X' || ch == 'p' || ch == 'P') {
        return Double.NaN;
      }
    }
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
