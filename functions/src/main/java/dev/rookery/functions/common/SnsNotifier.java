package dev.rookery.functions.common;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** {@link Notifier} publishing to one SNS topic. */
public final class SnsNotifier implements Notifier {
  /** SNS rejects e-mail subjects longer than 100 characters. */
  static final int MAX_SUBJECT = 100;

  private final SnsClient sns;
  private final String topicArn;

  /**
   * @param sns the client
   * @param topicArn the topic
   */
  public SnsNotifier(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  @Override
  public void notify(String subject, String message) {
    String cut = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
    sns.publish(PublishRequest.builder().topicArn(topicArn).subject(cut).message(message).build());
  }
}
