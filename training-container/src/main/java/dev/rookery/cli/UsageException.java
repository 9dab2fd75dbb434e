package dev.rookery.cli;

/** A bad option or option value: the mode prints it with its usage and exits 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
