package dev.rookery.functions.exceptions;

/** The handler's input has the wrong shape or lacks a field; the message names the field and value. */
public final class InvalidEventException extends FunctionException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field JSON path of the offending field, e.g. {@code detail.bucket.name}
   * @param problem what is wrong with it, including the value found
   */
  public InvalidEventException(String field, String problem) {
    super("invalid event: field '" + field + "' " + problem);
    this.field = field;
  }

  /** @return JSON path of the offending field */
  public String field() {
    return field;
  }
}
