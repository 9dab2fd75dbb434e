package dev.rookery.functions.exceptions;

/**
 * Base of every typed failure a handler raises; never thrown itself, so no state machine matches on
 * its name.
 */
public abstract class FunctionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected FunctionException(String message) {
    super(message);
  }

  protected FunctionException(String message, Throwable cause) {
    super(message, cause);
  }
}
