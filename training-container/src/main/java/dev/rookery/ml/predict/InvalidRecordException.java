package dev.rookery.ml.predict;

import dev.rookery.ml.exceptions.InvalidValueException;

/**
 * A record that cannot be predicted: a value of the wrong type for its feature (text in a numeric
 * column, a non-finite number). Missing values and unseen categories are not errors.
 */
public class InvalidRecordException extends InvalidValueException {
  private static final long serialVersionUID = 1L;
  /**
   * @param field the feature name
   * @param value the offending raw value, as received
   * @param reason what is wrong, e.g. "expected a number"
   */
  public InvalidRecordException(String field, String value, String reason) {
    super("field '" + field + "' has value '" + value + "': " + reason, field, value);
  }
}
