package dev.rookery.ml.dataset;

/**
 * How raw cell values are read everywhere (preprocess, training, serving): one definition of
 * "missing" and of "a number", so a value means the same thing at every step.
 */
public final class Values {
  /** The textual marker of a missing value, besides the empty string (R's convention). */
  public static final String NA = "NA";

  private Values() {}

  /**
   * {@code null}, blank or {@code NA}, blanks around it ignored ({@code " NA "} too): the one
   * definition that the model, the decoder's callers and the monitor's statistics share.
   */
  public static boolean isMissing(String value) {
    if (value == null) {
      return true;
    }
    String v = value.strip();
    return v.isEmpty() || NA.equals(v);
  }

  /**
   * Parses a finite decimal number (optional sign, digits, point, exponent). Unlike {@link
   * Double#parseDouble} it refuses {@code NaN}, {@code Infinity}, hex floats and {@code d}/{@code f}
   * suffixes, which would otherwise turn junk into numbers.
   *
   * @return the number, or {@link Double#NaN} when the value is not a number (callers decide whether
   *     that is an error)
   */
  public static double parseNumber(String value) {
    String s = value.strip();
    int n = s.length();
    if (n == 0) {
      return Double.NaN;
    }
    boolean digit = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return Double.NaN;
      }
    }
    if (!digit) {
      return Double.NaN;
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Whether {@link #parseNumber} accepts the value. */
  public static boolean isNumber(String value) {
    return !Double.isNaN(parseNumber(value));
  }
}
