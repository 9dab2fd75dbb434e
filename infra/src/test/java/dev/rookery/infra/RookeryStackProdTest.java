package dev.rookery.infra;

import static dev.rookery.infra.FunctionAssertions.assertFunctionEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.infra.iam.PolicyEvaluator;
import dev.rookery.infra.iam.PolicyEvaluator.Decision;
import dev.rookery.infra.iam.PolicyEvaluator.Request;
import dev.rookery.infra.iam.SynthesizedPolicies;
import dev.rookery.infra.iam.TemplateResolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The prod stack of the real cdk.json (manual approval, canary with rollback alarms). */
class RookeryStackProdTest {
  private static Template template;

  @BeforeAll
  static void synthesise() {
    template = Template.fromStack(TestApps.stack("prod", Map.of()));
  }

  @Test
  void deployFunction_canary_rollsBackOnTheEndpointAlarms() {
    assertFunctionEnvironment(template, "deploy.DeployHandler", Map.of(
        "DEPLOYMENT_STRATEGY", "CANARY", "INSTANCE_COUNT", "2", "CAPTURE_PERCENT", "20",
        "ROLLBACK_ALARM_NAMES", "rookery-prod-endpoint-5xx,rookery-prod-endpoint-latency"));
  }

  @Test
  void sageMakerRole_canary_mayDescribeTheRollbackAlarms() {
    // given the role SageMaker updates the endpoint as (deployment guardrails read the
    // auto-rollback alarms with it)
    SynthesizedPolicies iam = new SynthesizedPolicies(template.toJSON());
    String roleId = iam.identityByRoleId().keySet().stream()
        .filter(id -> id.startsWith("SageMakerRole")).findFirst().orElseThrow();
    // when / then: each rollback alarm named in the deploy function's environment
    for (String alarm : List.of("rookery-prod-endpoint-5xx", "rookery-prod-endpoint-latency")) {
      Request describe = new Request(iam.roleArn(roleId), TemplateResolver.ACCOUNT,
          "cloudwatch:DescribeAlarms", "arn:aws:cloudwatch:" + TemplateResolver.REGION + ":"
              + TemplateResolver.ACCOUNT + ":alarm:" + alarm, Map.of());
      assertThat(PolicyEvaluator.identityOnly(iam.identityByRoleId().get(roleId), describe))
          .as(alarm).isEqualTo(Decision.ALLOW);
    }
  }

  @Test
  void registerFunction_manualApproval_registersPending() {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "MODEL_PACKAGE_GROUP_NAME", "rookery-prod",
            "APPROVAL_STATUS", "PendingManualApproval"))))));
  }

  @Test
  void endpoint5xxAlarm_prod_namedAsTheRollbackAlarm() {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "AlarmName", "rookery-prod-endpoint-5xx", "Namespace", "AWS/SageMaker",
        "MetricName", "Invocation5XXErrors", "Statistic", "Sum", "Threshold", 1,
        "ComparisonOperator", "GreaterThanOrEqualToThreshold",
        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("NotificationsTopic.*"))))));
  }

  @Test
  void captureLifecycle_prod_keepsNinetyDays() {
    template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
        "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Prefix", "capture/", "ExpirationInDays", 90))))))));
  }

  @Test
  void retraining_prodDefaultOff_noRuleNoFunction() {
    assertThat(template.findResources("AWS::Events::Rule", Match.objectLike(Map.of(
        "Properties", Match.objectLike(Map.of("EventPattern", Match.objectLike(Map.of(
            "source", List.of("aws.cloudwatch"))))))))).isEmpty();
    assertThat(template.toJSON().toString()).doesNotContain("RetrainOnAlarmHandler");
    // the accuracy alarm still notifies
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "AlarmName", "rookery-prod-model-quality-accuracy", "MetricName", "accuracy")));
  }

  @Test
  void monitoringStateMachine_processingEngine_exists() {
    template.hasResourceProperties("AWS::StepFunctions::StateMachine",
        Match.objectLike(Map.of("StateMachineName", "rookery-prod-monitoring")));
  }
}
