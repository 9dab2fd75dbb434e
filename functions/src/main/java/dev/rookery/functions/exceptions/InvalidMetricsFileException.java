package dev.rookery.functions.exceptions;

/** The monitor's {@code cloudwatch_metrics.json} is unreadable or malformed; names the file and field. */
public final class InvalidMetricsFileException extends FunctionException {
  private static final long serialVersionUID = 1L;

  /**
   * @param uri the metrics file
   * @param problem what is wrong, including the field and value
   */
  public InvalidMetricsFileException(String uri, String problem) {
    super("metrics file " + uri + ": " + problem);
  }
}
