package dev.rookery.infra.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.infra.iam.PolicyEvaluator.Decision;
import dev.rookery.infra.iam.PolicyEvaluator.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluator against the examples of the IAM User Guide (policy elements reference, policy
 * evaluation logic) and the KMS and SNS developer guides. Each test names the page the policy
 * comes from.
 */
class PolicyEvaluatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = "123456789012";
  private static final String ROLE = "arn:aws:iam::123456789012:role/app";

  private static List<JsonNode> statements(String policyJson) {
    try {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(policyJson).path("Statement").forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Request role(String action, String resource) {
    return new Request(ROLE, ACCOUNT, action, resource, Map.of());
  }

  /** A request of an AWS service principal in the account, without condition keys. */
  private static Request servicePrincipal(String service, String action, String resource) {
    return new Request(service, ACCOUNT, action, resource, Map.of());
  }

  private static Arguments identityCase(String source, String policyJson, String action, String resource,
      Decision expected) {
    return Arguments.of(source, policyJson, action, resource, expected);
  }

  /** Identity policies from the IAM User Guide's policy elements reference, and what each decides. */
  static Stream<Arguments> identityPolicyCases() {
    // "IAM JSON policy elements: Action": "s3:*" and "iam:*AccessKey*"
    String wildcards = """
        {"Statement": [{"Effect": "Allow", "Action": ["s3:*", "iam:*AccessKey*"], "Resource": "*"}]}""";
    // "IAM JSON policy elements: NotAction", first example
    String allButIam = """
        {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}""";
    // "IAM JSON policy elements: NotResource": deny s3:* on everything except HRBucket/Payroll,
    // with an allow on s3:*
    String payrollOnly = """
        {"Statement": [
          {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "s3:*", "NotResource": [
            "arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"]}]}""";
    // "IAM JSON policy elements: Resource": wildcards in ARN paths
    String runModels = """
        {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/runs/*/model?.tar.gz"}]}""";
    return Stream.of(
        identityCase("service wildcard", wildcards, "s3:GetObject", "arn:aws:s3:::b/k", Decision.ALLOW),
        identityCase("wildcard inside an action", wildcards, "iam:CreateAccessKey", "*", Decision.ALLOW),
        identityCase("action the wildcards miss", wildcards, "iam:CreateUser", "*", Decision.IMPLICIT_DENY),
        // "Action": "ec2:startinstances" equals ec2:StartInstances (action names are case-insensitive)
        identityCase("action case-insensitive", """
            {"Statement": [{"Effect": "Allow", "Action": "ec2:startinstances", "Resource": "*"}]}""",
            "ec2:StartInstances", "*", Decision.ALLOW),
        identityCase("NotAction allows the rest", allButIam, "s3:PutObject", "arn:aws:s3:::b/k", Decision.ALLOW),
        identityCase("NotAction leaves iam out", allButIam, "iam:CreateUser", "*", Decision.IMPLICIT_DENY),
        identityCase("NotResource spares payroll", payrollOnly, "s3:GetObject",
            "arn:aws:s3:::HRBucket/Payroll/march.csv", Decision.ALLOW),
        identityCase("NotResource denies the rest", payrollOnly, "s3:GetObject",
            "arn:aws:s3:::HRBucket/Other/file", Decision.EXPLICIT_DENY),
        identityCase("resource * spans slashes", runModels, "s3:GetObject",
            "arn:aws:s3:::amzn-s3-demo-bucket/runs/a/b/model1.tar.gz", Decision.ALLOW),
        identityCase("resource is case-sensitive", runModels, "s3:GetObject",
            "arn:aws:s3:::amzn-s3-demo-bucket/RUNS/a/model1.tar.gz", Decision.IMPLICIT_DENY),
        identityCase("resource ? is one character", runModels, "s3:GetObject",
            "arn:aws:s3:::amzn-s3-demo-bucket/runs/a/model12.tar.gz", Decision.IMPLICIT_DENY));
  }

  @ParameterizedTest(name = "{0}: {2} on {3}")
  @MethodSource("identityPolicyCases")
  void identityOnly_userGuideExamples_decideAsDocumented(String source, String policyJson, String action,
      String resource, Decision expected) {
    assertThat(PolicyEvaluator.identityOnly(statements(policyJson), role(action, resource))).isEqualTo(expected);
  }

  @Test
  void explicitDeny_overridesAnAllow() {
    // IAM User Guide, "Policy evaluation logic": an explicit deny in any policy overrides allows
    List<JsonNode> identity = statements("""
        {"Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]}""");
    List<JsonNode> topicPolicy = statements("""
        {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "sns:Publish",
          "Resource": "arn:aws:sns:us-east-1:123456789012:t",
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}""");
    Request publish = role("sns:Publish", "arn:aws:sns:us-east-1:123456789012:t");
    assertThat(PolicyEvaluator.sameAccount(identity, topicPolicy,
        publish.with("aws:SecureTransport", "false"))).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(PolicyEvaluator.sameAccount(identity, topicPolicy,
        publish.with("aws:SecureTransport", "true"))).isEqualTo(Decision.ALLOW);
  }

  @Test
  void servicePrincipal_topicPolicyWithSourceConditions_allowsOnlyThatSource() {
    // SNS developer guide / CloudWatch user guide: a topic policy for CloudWatch alarms with
    // aws:SourceAccount and aws:SourceArn (ArnLike) conditions
    List<JsonNode> topicPolicy = statements("""
        {"Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"},
          "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:123456789012:t",
          "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*"},
                        "StringEquals": {"aws:SourceAccount": "123456789012"}}}]}""");
    Request alarm = new Request("cloudwatch.amazonaws.com", ACCOUNT, "sns:Publish",
        "arn:aws:sns:us-east-1:123456789012:t", Map.of(
            "aws:SourceArn", List.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:a"),
            "aws:SourceAccount", List.of(ACCOUNT)));
    assertThat(PolicyEvaluator.sameAccount(List.of(), topicPolicy, alarm)).isEqualTo(Decision.ALLOW);
    assertThat(PolicyEvaluator.sameAccount(List.of(), topicPolicy,
        alarm.with("aws:SourceAccount", "999999999999"))).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(PolicyEvaluator.sameAccount(List.of(), topicPolicy, servicePrincipal("events.amazonaws.com",
        "sns:Publish", "arn:aws:sns:us-east-1:123456789012:t"))).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void arnLike_wildcardStaysInsideItsSegment() {
    // IAM User Guide, "ARN condition operators": each of the six ARN parts is matched separately
    assertThat(PolicyEvaluator.arnLike("arn:aws:cloudwatch:*:123456789012:alarm:*",
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x")).isTrue();
    assertThat(PolicyEvaluator.arnLike("arn:aws:cloudwatch:*:alarm:*",
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x")).isFalse();
    assertThat(PolicyEvaluator.glob("arn:aws:cloudwatch:*:alarm:*",
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x", false)).isTrue();
  }

  @Test
  void conditions_missingKey_failsPositiveOperatorsPassesIfExistsAndNegated() {
    // IAM User Guide, condition operators: "...IfExists" and Null; a missing key does not match
    assertThat(PolicyEvaluator.conditionHolds("StringEquals", null, List.of("x"))).isFalse();
    assertThat(PolicyEvaluator.conditionHolds("StringEqualsIfExists", null, List.of("x"))).isTrue();
    assertThat(PolicyEvaluator.conditionHolds("StringNotEquals", null, List.of("x"))).isTrue();
    assertThat(PolicyEvaluator.conditionHolds("Null", null, List.of("true"))).isTrue();
    assertThat(PolicyEvaluator.conditionHolds("Null", List.of("v"), List.of("true"))).isFalse();
    assertThat(PolicyEvaluator.conditionHolds("StringLike", List.of("aws/sagemaker/Jobs"),
        List.of("/aws/sagemaker/*", "aws/sagemaker/*"))).isTrue();
    assertThat(PolicyEvaluator.conditionHolds("StringEquals", List.of("Rookery/Other"),
        List.of("Rookery/Monitoring"))).isFalse();
  }

  @Test
  void passRole_passedToServiceCondition_onlyForThatService() {
    // IAM User Guide, "iam:PassedToService" example
    List<JsonNode> policy = statements("""
        {"Statement": [{"Effect": "Allow", "Action": "iam:PassRole",
          "Resource": "arn:aws:iam::123456789012:role/sm",
          "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}}]}""");
    Request pass = role("iam:PassRole", "arn:aws:iam::123456789012:role/sm");
    assertThat(PolicyEvaluator.identityOnly(policy,
        pass.with("iam:PassedToService", "sagemaker.amazonaws.com"))).isEqualTo(Decision.ALLOW);
    assertThat(PolicyEvaluator.identityOnly(policy,
        pass.with("iam:PassedToService", "lambda.amazonaws.com")))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void kms_defaultKeyPolicy_delegatesToIamForRolesNotForServices() {
    // KMS developer guide, "Default key policy": the account principal enables IAM policies; a
    // service principal must be named in the key policy itself
    List<JsonNode> keyPolicy = statements("""
        {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
          "Action": "kms:*", "Resource": "*"}]}""");
    List<JsonNode> identity = statements("""
        {"Statement": [{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
          "Resource": "arn:aws:kms:us-east-1:123456789012:key/k"}]}""");
    Request generate = role("kms:GenerateDataKey", "arn:aws:kms:us-east-1:123456789012:key/k");
    assertThat(PolicyEvaluator.kms(identity, keyPolicy, generate)).isEqualTo(Decision.ALLOW);
    assertThat(PolicyEvaluator.kms(List.of(), keyPolicy, generate))
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(PolicyEvaluator.kms(List.of(), keyPolicy, servicePrincipal("cloudwatch.amazonaws.com",
        "kms:GenerateDataKey", "arn:aws:kms:us-east-1:123456789012:key/k"))).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void unknownConditionOperator_throwsInsteadOfAllowing() {
    assertThatThrownBy(() -> PolicyEvaluator.conditionHolds("DateGreaterThan", List.of("x"),
        List.of("y"))).hasMessageContaining("DateGreaterThan");
  }
}
