package dev.rookery.local;

/**
 * A failure that a subcommand reports as one line on stderr with its exit code, instead of a
 * stack trace. The message says what was wrong and what to do.
 */
public class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  /** A failure with {@link ExitCodes#FAILURE}. */
  public CommandFailedException(String message) {
    this(message, ExitCodes.FAILURE, null);
  }

  /** A failure with {@link ExitCodes#FAILURE} and its cause. */
  public CommandFailedException(String message, Throwable cause) {
    this(message, ExitCodes.FAILURE, cause);
  }

  /**
   * @param message what was wrong and what to do
   * @param exitCode one of {@link ExitCodes}
   * @param cause the underlying failure, or {@code null}
   */
  public CommandFailedException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code for this failure. */
  public int exitCode() {
    return exitCode;
  }
}
