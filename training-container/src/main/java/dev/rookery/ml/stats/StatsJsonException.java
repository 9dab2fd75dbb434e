package dev.rookery.ml.stats;

/** A {@code statistics.json} or {@code constraints.json} that cannot be read: names the file and field. */
public class StatsJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StatsJsonException(String message, Throwable cause) {
    super(message, cause);
  }

  public StatsJsonException(String message) {
    super(message);
  }
}
