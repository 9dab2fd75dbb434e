package dev.rookery.ml.exceptions;

/** A hyperparameter that is unknown or has a bad value; the message names both. */
public class HyperparameterException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String name;
  private final String value;

  /**
   * @param name the hyperparameter name
   * @param value the value received (may be {@code null})
   * @param problem what is wrong with it
   */
  public HyperparameterException(String name, String value, String problem) {
    super("hyperparameter '" + name + "' = '" + value + "': " + problem);
    this.name = name;
    this.value = value;
  }

  /** The hyperparameter name. */
  public String name() {
    return name;
  }

  /** The value received. */
  public String value() {
    return value;
  }
}
