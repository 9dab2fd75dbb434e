package dev.rookery.functions.exceptions;

/** An environment variable is missing or malformed; the message names the variable and its value. */
public final class InvalidConfigurationException extends FunctionException {
  private static final long serialVersionUID = 1L;

  /**
   * @param variable environment variable name
   * @param problem what is wrong, including the value found
   */
  public InvalidConfigurationException(String variable, String problem) {
    super("invalid configuration: environment variable " + variable + " " + problem);
  }

  /**
   * @param variable environment variable name
   * @param problem what is wrong, including the value found
   * @param cause the parse failure
   */
  public InvalidConfigurationException(String variable, String problem, Throwable cause) {
    super("invalid configuration: environment variable " + variable + " " + problem, cause);
  }
}
