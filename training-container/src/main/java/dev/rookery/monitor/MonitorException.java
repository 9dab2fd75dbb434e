package dev.rookery.monitor;

/** The monitor cannot produce a result (unreadable baseline, every capture line malformed, ...). */
public class MonitorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MonitorException(String message) {
    super(message);
  }

  public MonitorException(String message, Throwable cause) {
    super(message, cause);
  }
}
