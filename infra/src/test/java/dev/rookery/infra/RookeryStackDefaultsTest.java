package dev.rookery.infra;

import dev.rookery.settings.PipelineSettings;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The dev stack built from a {@code pipeline.json} that sets only the required fields: the values
 * the CDK app passes to the Lambdas are the settings model's defaults.
 */
class RookeryStackDefaultsTest {
  private static Template template;

  @BeforeAll
  static void synthesise() {
    PipelineSettings minimal = PipelineSettings.parse("{\"format_version\": 1, \"target\": \"species\"}", "minimal");
    template = Template.fromStack(TestApps.stack("dev", Map.of(), TestApps.sources(minimal)));
  }

  @Test
  void triggerFunction_minimalSettings_carriesEveryFieldWithTheModelsDefaults() {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.rookery.functions.trigger.TriggerHandler::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "PIPELINE_SETTINGS", Match.stringLikeRegexp(".*\"seed\":" + PipelineSettings.DEFAULT_SEED + ",.*"
                + "\"max_parallel_jobs\":" + PipelineSettings.DEFAULT_MAX_PARALLEL_JOBS + ",.*"
                + "\"capture_percent\":" + PipelineSettings.DEFAULT_CAPTURE_PERCENT + ",.*"
                + "\"min_joined_records\":" + PipelineSettings.DEFAULT_MIN_JOINED_RECORDS + ",.*}")))))));
  }

  @Test
  void deployFunction_minimalSettings_capturesTheModelsDefaultPercent() {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.rookery.functions.deploy.DeployHandler::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "CAPTURE_PERCENT", Integer.toString(PipelineSettings.DEFAULT_CAPTURE_PERCENT)))))));
  }

  @Test
  void registerFunction_minimalSettings_registersWithTheModelsDefaultApproval() {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.rookery.functions.register.RegisterHandler::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "APPROVAL_STATUS", PipelineSettings.DEFAULT_APPROVAL.modelApprovalStatus()))))));
  }
}
