package dev.rookery.functions.exceptions;

/**
 * An uploaded object cannot be a dataset (not CSV, empty, missing the target or a required column).
 * The trigger turns it into an SNS rejection rather than letting it escape, so EventBridge does not
 * retry a hopeless object; it is public so that services and tests share one type.
 */
public final class InvalidDatasetException extends FunctionException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param objectUri the rejected object, e.g. {@code s3://bucket/incoming/data.csv}
   * @param reason why it was rejected
   */
  public InvalidDatasetException(String objectUri, String reason) {
    super("dataset " + objectUri + " rejected: " + reason);
    this.reason = reason;
  }

  /** @return why the object was rejected, without the object name */
  public String reason() {
    return reason;
  }
}
