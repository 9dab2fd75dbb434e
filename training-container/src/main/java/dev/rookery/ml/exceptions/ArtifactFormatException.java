package dev.rookery.ml.exceptions;

/**
 * A persisted file (model artifact, {@code transformer.json}, {@code pipeline.json}) that is missing,
 * of an unknown format version, or malformed. The message names the file and the field.
 */
public class ArtifactFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message names the file and the field or value at fault */
  public ArtifactFormatException(String message) {
    super(message);
  }

  /** Same, with the low-level cause. */
  public ArtifactFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
