package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.infra.iam.PolicyEvaluator;
import dev.rookery.infra.iam.PolicyEvaluator.Decision;
import dev.rookery.infra.iam.PolicyEvaluator.Request;
import dev.rookery.infra.iam.SynthesizedPolicies;
import dev.rookery.infra.iam.TemplateResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * Everything that publishes to the notification topic, found in the synthesized template, is
 * allowed to by the topic policy and the topic's KMS key policy, evaluated with IAM's logic:
 * CloudWatch alarms (service {@code cloudwatch.amazonaws.com}, with the {@code aws:SourceArn} and
 * {@code aws:SourceAccount} CloudWatch sends), EventBridge rules ({@code events.amazonaws.com}),
 * and the roles of state machines and functions that call {@code sns:Publish}. SNS encrypts with
 * the topic's key on each publish, so each publisher also needs {@code kms:GenerateDataKey} and
 * {@code kms:Decrypt} on it (SNS developer guide, "sns-key-management"; CloudWatch user guide,
 * "Alarms and encrypted SNS topics").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationDeliveryTest {
  private final List<Stack> stacks = new ArrayList<>();

  /** One environment's synthesized stack: its policies and its notification topic's ARN. */
  private record Stack(String env, SynthesizedPolicies iam, String topicArn) {
    List<JsonNode> topicPolicy() {
      return iam.topicPolicy(topicArn);
    }

    @Override
    public String toString() {
      return env;
    }
  }

  @BeforeAll
  void synthesise() {
    for (String env : List.of("dev", "prod")) {
      SynthesizedPolicies iam = new SynthesizedPolicies(
          Template.fromStack(TestApps.stack(env, Map.of())).toJSON());
      stacks.add(new Stack(env, iam, topicArn(iam)));
    }
  }

  List<Stack> devAndProd() {
    return stacks;
  }

  /** One publisher: what it is, its publish request, its identity statements (none for services). */
  private record Publisher(String what, Request publish, List<JsonNode> identity) { }

  private static List<Publisher> publishers(SynthesizedPolicies iam, String topicArn) {
    List<Publisher> found = new ArrayList<>();
    iam.resources().fields().forEachRemaining(e -> {
      JsonNode r = e.getValue();
      JsonNode props = r.path("Properties");
      switch (r.path("Type").asText()) {
        case "AWS::CloudWatch::Alarm" -> {
          List<String> actions = new ArrayList<>();
          for (String field : List.of("AlarmActions", "OKActions", "InsufficientDataActions")) {
            props.path(field).forEach(a -> actions.add(a.asText()));
          }
          if (actions.contains(topicArn)) {
            String alarmArn = "arn:aws:cloudwatch:" + TemplateResolver.REGION + ":"
                + TemplateResolver.ACCOUNT + ":alarm:" + props.path("AlarmName").asText();
            found.add(new Publisher("alarm " + props.path("AlarmName").asText(),
                service("cloudwatch.amazonaws.com", topicArn, alarmArn), List.of()));
          }
        }
        case "AWS::Events::Rule" -> props.path("Targets").forEach(t -> {
          if (t.path("Arn").asText().equals(topicArn)) {
            String ruleArn = "arn:aws:events:" + TemplateResolver.REGION + ":"
                + TemplateResolver.ACCOUNT + ":rule/" + e.getKey().toLowerCase();
            found.add(new Publisher("rule " + e.getKey(),
                service("events.amazonaws.com", topicArn, ruleArn), List.of()));
          }
        });
        default -> { }
      }
    });
    iam.identityByRoleId().forEach((roleId, statements) -> {
      Request publish = new Request(iam.roleArn(roleId), TemplateResolver.ACCOUNT, "sns:Publish",
          topicArn, Map.of("aws:SecureTransport", List.of("true")));
      if (PolicyEvaluator.identityOnly(statements, publish) == Decision.ALLOW) {
        found.add(new Publisher("role " + roleId, publish, statements));
      }
    });
    return found;
  }

  private static Request service(String principal, String topicArn, String sourceArn) {
    return new Request(principal, TemplateResolver.ACCOUNT, "sns:Publish", topicArn, Map.of(
        "aws:SourceArn", List.of(sourceArn),
        "aws:SourceAccount", List.of(TemplateResolver.ACCOUNT),
        "aws:SecureTransport", List.of("true")));
  }

  /** The stack's one topic's properties. */
  private static JsonNode topic(SynthesizedPolicies iam) {
    List<JsonNode> topics = new ArrayList<>();
    iam.resources().forEach(r -> {
      if (r.path("Type").asText().equals("AWS::SNS::Topic")) {
        topics.add(r.path("Properties"));
      }
    });
    assertThat(topics).hasSize(1);
    return topics.get(0);
  }

  private static String topicArn(SynthesizedPolicies iam) {
    return "arn:aws:sns:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT + ":"
        + topic(iam).path("TopicName").asText();
  }

  private static String keyArnOf(SynthesizedPolicies iam) {
    return topic(iam).path("KmsMasterKeyId").asText();
  }

  private static void assertAllAllowed(Map<String, Decision> decisions) {
    assertThat(decisions).isNotEmpty().allSatisfy((what, decision) ->
        assertThat(decision).as(what).isEqualTo(Decision.ALLOW));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devAndProd")
  void everyPublisher_topicPolicy_allowsItsPublish(Stack stack) {
    // given every alarm, rule and role that targets the topic
    List<Publisher> publishers = publishers(stack.iam(), stack.topicArn());
    assertThat(publishers).extracting(Publisher::what)
        // no EventBridge rule targets the topic: failed executions reach it through the failure
        // function, so a rule added later is checked too but none is required
        .anyMatch(w -> w.startsWith("alarm "))
        .anyMatch(w -> w.startsWith("role ") && w.contains("StateMachine"))
        .anyMatch(w -> w.startsWith("role ") && w.contains("Trigger"))
        .anyMatch(w -> w.startsWith("role ") && w.contains("Failure"));
    // when each publish is evaluated against the publisher's policies and the topic policy
    Map<String, Decision> decisions = new LinkedHashMap<>();
    for (Publisher p : publishers) {
      decisions.put(p.what(), PolicyEvaluator.sameAccount(p.identity(), stack.topicPolicy(), p.publish()));
    }
    // then
    assertAllAllowed(decisions);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devAndProd")
  void everyPublisher_keyPolicy_allowsGenerateDataKeyAndDecrypt(Stack stack) {
    // given the topic's key and every publisher
    String keyArn = keyArnOf(stack.iam());
    List<JsonNode> keyPolicy = stack.iam().keyPolicy(keyArn).orElseThrow();
    // when each publisher uses the key as SNS does
    Map<String, Decision> decisions = new LinkedHashMap<>();
    for (Publisher p : publishers(stack.iam(), stack.topicArn())) {
      for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
        Request use = new Request(p.publish().principal(), p.publish().account(), action, keyArn,
            p.publish().context());
        decisions.put(p.what() + " " + action, PolicyEvaluator.kms(p.identity(), keyPolicy, use));
      }
    }
    // then
    assertAllAllowed(decisions);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devAndProd")
  void alarmFromAnotherAccount_topicPolicy_doesNotAllowIt(Stack stack) {
    // given an alarm of another account (the confused-deputy case the conditions close)
    Request foreign = new Request("cloudwatch.amazonaws.com", "999999999999", "sns:Publish", stack.topicArn(),
        Map.of("aws:SourceArn", List.of("arn:aws:cloudwatch:eu-west-1:999999999999:alarm:x"),
            "aws:SourceAccount", List.of("999999999999"),
            "aws:SecureTransport", List.of("true")));
    // when / then
    assertThat(PolicyEvaluator.sameAccount(List.of(), stack.topicPolicy(), foreign))
        .isNotEqualTo(Decision.ALLOW);
  }
}
