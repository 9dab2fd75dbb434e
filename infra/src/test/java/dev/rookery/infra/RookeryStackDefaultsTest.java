package dev.rookery.infra;

import static dev.rookery.infra.FunctionAssertions.assertFunctionEnvironment;

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
    assertFunctionEnvironment(template, "trigger.TriggerHandler", Map.of(
        "PIPELINE_SETTINGS", Match.stringLikeRegexp(".*\"seed\":" + PipelineSettings.DEFAULT_SEED + ",.*"
            + "\"max_parallel_jobs\":" + PipelineSettings.DEFAULT_MAX_PARALLEL_JOBS + ",.*"
            + "\"capture_percent\":" + PipelineSettings.DEFAULT_CAPTURE_PERCENT + ",\"model_quality\":\\{"
            + "\"accuracy_tolerance\":" + PipelineSettings.DEFAULT_ACCURACY_TOLERANCE + ",.*}}")));
  }

  @Test
  void deployFunction_minimalSettings_capturesTheModelsDefaultPercent() {
    assertFunctionEnvironment(template, "deploy.DeployHandler", Map.of(
        "CAPTURE_PERCENT", Integer.toString(PipelineSettings.DEFAULT_CAPTURE_PERCENT)));
  }

  @Test
  void registerFunction_minimalSettings_registersWithTheModelsDefaultApproval() {
    assertFunctionEnvironment(template, "register.RegisterHandler", Map.of(
        "APPROVAL_STATUS", PipelineSettings.DEFAULT_APPROVAL.modelApprovalStatus()));
  }
}
