package dev.rookery.ml.exceptions;

/**
 * Base of the failures about one value of one named field: a hyperparameter, a record's feature,
 * a request body's field. Carries both, so a caller (the HTTP answer, the training log) can name
 * them without parsing the message.
 */
public abstract class InvalidValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;

  /**
   * @param message the whole message, naming the field and the value
   * @param field the field, or {@code null} when the problem is not tied to one
   * @param value the value, or {@code null} when there is none
   */
  protected InvalidValueException(String message, String field, String value) {
    super(message);
    this.field = field;
    this.value = value;
  }

  /** The field concerned, or {@code null}. */
  public String field() {
    return field;
  }

  /** The value at fault, as received, or {@code null}. */
  public String value() {
    return value;
  }
}
