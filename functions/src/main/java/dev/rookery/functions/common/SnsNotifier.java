package dev.rookery.functions.common;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * {@link Notifier} publishing to one SNS topic.
 *
 * @param sns the client
 * @param topicArn the topic
 */
public record SnsNotifier(SnsClient sns, String topicArn) implements Notifier {
  /** SNS rejects e-mail subjects longer than 100 characters. */
  static final int MAX_SUBJECT = 100;

  @Override
  public void notify(String subject, String message) {
    String cut = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
    sns.publish(PublishRequest.builder().topicArn(topicArn).subject(cut).message(message).build());
  }
}
