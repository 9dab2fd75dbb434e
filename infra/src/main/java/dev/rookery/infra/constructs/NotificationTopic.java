package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The topic every Rookery notification goes to (pipeline results and failures, rejected uploads,
 * alarms): encrypted with its own rotating KMS key, SSL-only publishers, and an e-mail
 * subscription when an address is configured. The key lets EventBridge and CloudWatch alarms
 * publish to the encrypted topic.
 */
public final class NotificationTopic extends Construct {
  private final Key key;
  private final Topic topic;

  /**
   * @param topicName the topic name
   * @param email address to subscribe, or empty for none
   */
  public record Props(String topicName, String email) {
    /** Checks the name. */
    public Props {
      Objects.requireNonNull(topicName, "topicName");
      email = email == null ? "" : email;
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public NotificationTopic(Construct scope, String id, Props props) {
    super(scope, id);
    key = Key.Builder.create(this, "Key")
        .description("Rookery notification topic " + props.topicName())
        .enableKeyRotation(true)
        .build();
    // Services that publish to an encrypted topic need the key in its key policy.
    for (String service : List.of("events.amazonaws.com", "cloudwatch.amazonaws.com")) {
      key.grant(new ServicePrincipal(service), "kms:Decrypt", "kms:GenerateDataKey*");
    }
    topic = Topic.Builder.create(this, "Topic")
        .topicName(props.topicName())
        .masterKey(key)
        .enforceSsl(true)
        .build();
    // CloudWatch alarm actions publish as the service: the topic policy must name it. The
    // conditions keep other accounts' alarms out (confused deputy; SNS developer guide,
    // "sns-access-policy-use-cases", and CloudWatch's "Alarms and encrypted SNS topics").
    // EventBridge rule targets add their own statement (SnsTopic target).
    Stack stack = Stack.of(this);
    topic.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("CloudWatchAlarmsPublish")
        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
        .actions(List.of("sns:Publish"))
        .resources(List.of(topic.getTopicArn()))
        .conditions(Map.of(
            "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
            "ArnLike", Map.of("aws:SourceArn", stack.formatArn(ArnComponents.builder()
                .service("cloudwatch").resource("alarm").resourceName("*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()))))
        .build());
    if (!props.email().isBlank()) {
      topic.addSubscription(new EmailSubscription(props.email()));
    }
  }

  /** @return the topic */
  public ITopic getTopic() {
    return topic;
  }

  /** @return the topic's key */
  public IKey getKey() {
    return key;
  }
}
