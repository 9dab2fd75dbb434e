package dev.rookery.ml.stats;

/** Model Monitor's {@code inferred_type} of a feature, with its wire name. */
public enum InferredType {
  /** Numbers, at least one with a fractional part. */
  FRACTIONAL("Fractional"),
  /** Numbers, every one a whole number. */
  INTEGRAL("Integral"),
  /** Text (categorical features, or a numeric column that received mostly text). */
  STRING("String"),
  /** No value seen (constraints only). */
  UNKNOWN("Unknown");

  private final String wireName;

  InferredType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the JSON files. */
  public String wireName() {
    return wireName;
  }

  /** True for {@link #FRACTIONAL} and {@link #INTEGRAL}. */
  public boolean isNumeric() {
    return this == FRACTIONAL || this == INTEGRAL;
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException naming the value when it is not one of the four names
   */
  public static InferredType fromWireName(String name) {
    for (InferredType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "inferred_type must be Fractional, Integral, String or Unknown, found '" + name + "'");
  }
}
