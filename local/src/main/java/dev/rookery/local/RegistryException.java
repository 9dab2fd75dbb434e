package dev.rookery.local;

/** The local model registry could not do what was asked; the message names the version or file. */
public class RegistryException extends CommandFailedException {
  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
