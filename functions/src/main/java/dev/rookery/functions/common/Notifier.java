package dev.rookery.functions.common;

/** Port: tells people something (an SNS topic in production). */
public interface Notifier {
  /**
   * @param subject short subject, at most 100 characters
   * @param message the body
   */
  void notify(String subject, String message);
}
