package dev.rookery.ml.records;

import dev.rookery.ml.exceptions.InvalidValueException;

/**
 * A request body that cannot be read as records: malformed CSV or JSON, a value of a type no
 * feature can hold (a boolean, an object, an array), a row with the wrong number of columns, an
 * empty body. Carries where the problem is, so an HTTP answer can name it; {@link #value()} is
 * at most 200 characters.
 */
public class RecordFormatException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** Longest value kept in the exception; a 6 MB string is not repeated back in an error. */
  static final int MAX_VALUE_CHARS = 200;

  private final int record;
  private final String reason;

  /**
   * @param record 0-based index of the record in the body (a CSV header row is not counted), or
   *     -1 when the problem is not tied to one record (an empty body, a bad top-level shape)
   * @param field the feature or JSON field concerned, or {@code null}
   * @param value the offending raw value, or {@code null}; truncated to 200 characters
   * @param reason what is wrong, e.g. "expected 6 columns, found 7"
   */
  public RecordFormatException(int record, String field, String value, String reason) {
    super(describe(record, field, value, reason), field, truncate(value));
    this.record = record;
    this.reason = reason;
  }

  /** 0-based record index, or -1 when not tied to a record. */
  public int record() {
    return record;
  }

  /** What is wrong, without the location (that is in {@link #getMessage()}). */
  public String reason() {
    return reason;
  }

  static String truncate(String value) {
    if (value == null || value.length() <= MAX_VALUE_CHARS) {
      return value;
    }
    return value.substring(0, MAX_VALUE_CHARS) + "...";
  }

  /** {@code record N: field 'f' value 'v': reason}, each part only when known. */
  private static String describe(int record, String field, String value, String reason) {
    StringBuilder sb = new StringBuilder();
    if (record >= 0) {
      sb.append("record ").append(record).append(": ");
    }
    StringBuilder subject = new StringBuilder();
    if (field != null) {
      subject.append("field '").append(field).append('\'');
    }
    if (value != null) {
      subject.append(subject.length() > 0 ? " " : "").append("value '").append(truncate(value)).append('\'');
    }
    if (subject.length() > 0) {
      sb.append(subject).append(": ");
    }
    return sb.append(reason).toString();
  }
}
