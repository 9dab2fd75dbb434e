package dev.rookery.functions.testutils;

import dev.rookery.functions.common.Notifier;
import java.util.ArrayList;
import java.util.List;

/** {@link Notifier} that keeps the messages. */
public final class InMemoryNotifier implements Notifier {
  /**
   * @param subject subject
   * @param message body
   */
  public record Notification(String subject, String message) {}

  /** Every notification, in order. */
  public final List<Notification> sent = new ArrayList<>();

  @Override
  public void notify(String subject, String message) {
    sent.add(new Notification(subject, message));
  }
}
