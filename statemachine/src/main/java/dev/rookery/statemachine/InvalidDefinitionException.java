package dev.rookery.statemachine;

/** A state machine definition that cannot be read as Amazon States Language JSON. */
public final class InvalidDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the file and what is wrong with it
   * @param cause the parse or I/O failure, if any
   */
  public InvalidDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
