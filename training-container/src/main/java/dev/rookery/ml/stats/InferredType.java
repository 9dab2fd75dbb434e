package dev.rookery.ml.stats;

/** Model Monitor's {@code inferred_type} of a feature, with its wire name. */
public enum InferredType {
  /** Numbers, at least one with a fractional part. */
  FRACTIONAL,
  /** Numbers, every one a whole number. */
  INTEGRAL,
  /** Text (categorical features, or a numeric column that received mostly text). */
  STRING,
  /** No value seen (constraints only). */
  UNKNOWN;

  /** The name used in the JSON files: {@code Fractional}, {@code Integral}, ... */
  public String wireName() {
    return WireNames.of(this);
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
    return WireNames.parse(InferredType.class, "inferred_type", name);
  }
}
