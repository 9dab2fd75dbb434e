package dev.rookery.ml.exceptions;

import java.nio.file.Path;

/**
 * A hyperparameter that is unknown or has a bad value, or a {@code hyperparameters.json} that
 * cannot be read as one JSON object; the message names the hyperparameter and the value, or the
 * file and the problem.
 */
public class HyperparameterException extends InvalidValueException {
  private static final long serialVersionUID = 1L;
  /**
   * @param name the hyperparameter name
   * @param value the value received (may be {@code null})
   * @param problem what is wrong with it
   */
  public HyperparameterException(String name, String value, String problem) {
    super("hyperparameter '" + name + "' = '" + value + "': " + problem, name, value);
  }

  /**
   * A problem with the whole file: not JSON, or not one object. {@link #name()} is {@code (file)},
   * {@link #value()} the file.
   *
   * @param file the hyperparameters file
   * @param problem what is wrong, with line and column where the JSON is malformed
   */
  public HyperparameterException(Path file, String problem) {
    super(file + ": " + problem, "(file)", file.toString());
  }

  /** The hyperparameter name, {@link #field()}. */
  public String name() {
    return field();
  }
}
