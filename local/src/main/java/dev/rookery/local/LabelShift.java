package dev.rookery.local;

import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concept drift for {@code rookery traffic --labels}: the true label of a share of one class's
 * records becomes another class ({@code Adelie=Chinstrap:0.5}), while the records sent, and so the
 * model's predictions, stay as they were. The drift monitor cannot see it; the model-quality
 * monitor must.
 *
 * @param from the class whose labels change
 * @param to the label they get
 * @param fraction the share of {@code from}'s records relabelled, in (0, 1]
 */
public record LabelShift(String from, String to, double fraction) {
  private static final Pattern SYNTAX = Pattern.compile("([^=:\\s]+)=([^=:\\s]+)(?::([0-9]*\\.?[0-9]+))?");

  public LabelShift {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("--label-shift fraction must be in (0, 1], found " + fraction);
    }
  }

  /**
   * Parses {@code FROM=TO} (every record) or {@code FROM=TO:FRACTION}.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static LabelShift parse(String spec) {
    Matcher m = SYNTAX.matcher(spec == null ? "" : spec.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--label-shift must look like CLASS=OTHER_CLASS[:FRACTION]"
          + " (e.g. Adelie=Chinstrap:0.5), found '" + spec + "'");
    }
    return new LabelShift(m.group(1), m.group(2), m.group(3) == null ? 1.0 : Double.parseDouble(m.group(3)));
  }

  /** The label to write for a record whose true class is {@code label}: one draw from {@code random} per {@code from} record. */
  public String apply(String label, Random random) {
    return label.equals(from) && random.nextDouble() < fraction ? to : label;
  }

  @Override
  public String toString() {
    return from + "=" + to + ":" + fraction;
  }
}
