package dev.rookery.infra;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The prod stack with {@code monitoringEngine: model-monitor}. */
class ModelMonitorEngineTest {
  private static Template template;

  @BeforeAll
  static void synthesise() {
    template = Template.fromStack(TestApps.stack("prod", Map.of("monitoringEngine", "model-monitor")));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "rookery-prod-monitor, DataQuality, rookery-prod-monitor-data-quality",
      "rookery-prod-model-quality, ModelQuality, rookery-prod-model-quality"})
  void schedules_modelMonitor_hourlyOnTheEndpointRunningTheirJobDefinition(String schedule, String type,
      String jobDefinition) {
    template.hasResourceProperties("AWS::SageMaker::MonitoringSchedule", Match.objectLike(Map.of(
        "MonitoringScheduleName", schedule, "EndpointName", "rookery-prod",
        "MonitoringScheduleConfig", Match.objectLike(Map.of(
            "MonitoringType", type,
            "MonitoringJobDefinitionName", jobDefinition,
            "ScheduleConfig", Map.of("ScheduleExpression", "cron(0 * ? * * *)"))))));
  }

  @Test
  void jobDefinition_modelMonitor_runsTheRookeryImageInMonitorMode() {
    template.hasResourceProperties("AWS::SageMaker::DataQualityJobDefinition", Match.objectLike(Map.of(
        "DataQualityAppSpecification", Match.objectLike(Map.of(
            "ContainerArguments", List.of("monitor"),
            "Environment", Map.of("publish_cloudwatch_metrics", "Enabled"),
            "ImageUri", Match.objectLike(Map.of("Fn::Sub", Match.stringLikeRegexp(".*container-assets.*"))))))));
  }

  @Test
  void qualityJobDefinition_modelMonitor_modelQualityModeOnCaptureAndGroundTruth() {
    template.hasResourceProperties("AWS::SageMaker::ModelQualityJobDefinition", Match.objectLike(Map.of(
        "JobDefinitionName", "rookery-prod-model-quality",
        "ModelQualityAppSpecification", Match.objectLike(Map.of(
            "ContainerArguments", List.of("model-quality"),
            "ProblemType", "MulticlassClassification",
            "Environment", Map.of("publish_cloudwatch_metrics", "Enabled", "min_joined_records", "30"))),
        "ModelQualityJobInput", Map.of(
            // label_offset PT0S: the hour that just ended, no end offset
            "EndpointInput", Map.of("EndpointName", "rookery-prod",
                "LocalPath", "/opt/ml/processing/endpointdata", "StartTimeOffset", "-PT1H"),
            "GroundTruthS3Input", Map.of("S3Uri", Map.of("Fn::Join", List.of("", List.of("s3://",
                Map.of("Ref", Match.stringLikeRegexp("BucketsArtifacts.*")), "/ground-truth/rookery-prod"))))),
        "ModelQualityBaselineConfig", Map.of("ConstraintsResource", Map.of("S3Uri",
            Map.of("Fn::Join", List.of("", List.of("s3://",
                Map.of("Ref", Match.stringLikeRegexp("BucketsArtifacts.*")),
                "/monitoring/baseline/model-quality/constraints.json"))))),
        "StoppingCondition", Map.of("MaxRuntimeInSeconds", 1800))));
  }

  @Test
  void qualityJobDefinition_labelOffset_shiftsTheWindowBackByIt() {
    Template shifted = Template.fromStack(TestApps.stack("prod", Map.of("monitoringEngine",
        "model-monitor", "pipeline", Map.of("model_quality", Map.of("label_offset", "P1D")))));
    shifted.hasResourceProperties("AWS::SageMaker::ModelQualityJobDefinition", Match.objectLike(Map.of(
        "ModelQualityJobInput", Match.objectLike(Map.of("EndpointInput", Match.objectLike(Map.of(
            "StartTimeOffset", "-PT25H", "EndTimeOffset", "-PT24H")))))));
  }

  @Test
  void jobDefinition_modelMonitor_readsTheEndpointsCapture() {
    template.hasResourceProperties("AWS::SageMaker::DataQualityJobDefinition", Match.objectLike(Map.of(
        "DataQualityJobInput", Map.of("EndpointInput", Match.objectLike(Map.of(
            "EndpointName", "rookery-prod", "LocalPath", "/opt/ml/processing/endpointdata"))))));
  }

  @Test
  void jobDefinition_modelMonitor_readsTheBaselineTheDeployStateMachinePublishes() {
    // the deploy state machine copies to s3://<artefacts>/<MonitoringBaselinePrefix>/<file>
    template.hasResourceProperties("AWS::StepFunctions::StateMachine", Match.objectLike(Map.of(
        "StateMachineName", "rookery-prod-deploy",
        "DefinitionSubstitutions", Match.objectLike(Map.of(
            "MonitoringBaselinePrefix", "monitoring/baseline")))));
    template.hasResourceProperties("AWS::SageMaker::DataQualityJobDefinition", Match.objectLike(Map.of(
        "DataQualityBaselineConfig", Map.of(
            "StatisticsResource", Map.of("S3Uri", Map.of("Fn::Join", List.of("", List.of("s3://",
                Map.of("Ref", Match.stringLikeRegexp("BucketsArtifacts.*")),
                "/monitoring/baseline/statistics.json")))),
            "ConstraintsResource", Map.of("S3Uri", Map.of("Fn::Join", List.of("", List.of("s3://",
                Map.of("Ref", Match.stringLikeRegexp("BucketsArtifacts.*")),
                "/monitoring/baseline/constraints.json"))))))));
  }

  @Test
  void monitoringStateMachine_modelMonitor_notCreated() {
    template.resourcePropertiesCountIs("AWS::StepFunctions::StateMachine",
        Match.objectLike(Map.of("StateMachineName", "rookery-prod-monitoring")), 0);
  }

  @Test
  void publishFunction_modelMonitor_invokedForEachRunsMetricsFile() {
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
        "EventPattern", Match.objectLike(Map.of("detail", Match.objectLike(Map.of("object",
            Map.of("key", List.of(Map.of("wildcard",
                "monitoring/reports/*/cloudwatch_metrics.json"))))))),
        "Targets", List.of(Match.objectLike(Map.of("Arn",
            Map.of("Ref", Match.stringLikeRegexp("PublishMetricsFunctionAlias.*"))))))));
  }

  @Test
  void driftAlarms_modelMonitor_sameAlarmsAsProcessing() {
    template.hasResourceProperties("AWS::CloudWatch::Alarm",
        RookeryStackTest.driftAlarm("rookery-prod", "feature_baseline_drift_body_mass_g"));
    template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm",
        RookeryStackTest.driftAlarm("rookery-prod", Match.stringLikeRegexp("feature_baseline_drift_.*")), 4);
  }
}
