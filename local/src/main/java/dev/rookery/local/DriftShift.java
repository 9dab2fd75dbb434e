package dev.rookery.local;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shift added to one numeric feature of every record that {@code rookery traffic} sends, to
 * simulate drift (as ml.school's traffic notebooks do): {@code body_mass_g=+1500}.
 *
 * @param feature the numeric feature to shift
 * @param delta what to add (negative to subtract)
 */
public record DriftShift(String feature, BigDecimal delta) {
  private static final Pattern SYNTAX = Pattern.compile("([^=\\s]+)=([+-]\\d+(?:\\.\\d+)?)");

  public DriftShift {
    if (feature == null || feature.isBlank()) {
      throw new IllegalArgumentException("drift feature must not be blank, found '" + feature + "'");
    }
    Objects.requireNonNull(delta, "delta");
  }

  /**
   * Parses {@code FEATURE=+DELTA} or {@code FEATURE=-DELTA}.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static DriftShift parse(String spec) {
    Matcher m = SYNTAX.matcher(spec == null ? "" : spec.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--drift must look like FEATURE=+DELTA or FEATURE=-DELTA (e.g. body_mass_g=+1500), found '" + spec + "'");
    }
    return new DriftShift(m.group(1), new BigDecimal(m.group(2)));
  }

  /**
   * Shifts one raw value; missing values ({@code ""}, {@code NA}) stay missing.
   *
   * @throws IllegalArgumentException when the value is not a number
   */
  public String apply(String raw) {
    if (raw == null || raw.isEmpty() || raw.equals("NA")) {
      return raw;
    }
    try {
      return new BigDecimal(raw.trim()).add(delta).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--drift " + feature + " needs a numeric feature, but it holds '" + raw + "'", e);
    }
  }

  @Override
  public String toString() {
    return feature + "=" + (delta.signum() >= 0 ? "+" : "") + delta.toPlainString();
  }
}
