package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.settings.Approval;
import dev.rookery.settings.PipelineSettings;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and validating the real cdk.json environments (no synth). */
class EnvironmentsTest {

  /** The committed environments, each with the address a user sets. */
  private static ObjectNode environments() {
    ObjectNode envs = (ObjectNode) TestApps.cdkJsonContextAsCommitted().get("environments");
    envs.forEach(env -> ((ObjectNode) env).put("notificationEmail", TestApps.TEST_EMAIL));
    return envs;
  }

  @Test
  void select_realCdkJsonWithoutEnv_returnsDevAndProd() {
    // given the repository's cdk.json
    // when
    List<EnvironmentConfig> envs = Environments.select(environments(), null, TestApps.pipelineSettings());
    // then
    assertThat(envs).extracting(EnvironmentConfig::stackName)
        .containsExactly("Rookery-dev", "Rookery-prod");
  }

  @Test
  void select_envDev_returnsOnlyDev() {
    // given / when
    List<EnvironmentConfig> envs = Environments.select(environments(), "dev", TestApps.pipelineSettings());
    // then
    assertThat(envs).extracting(EnvironmentConfig::name).containsExactly("dev");
  }

  @Test
  void select_unknownEnv_namesItAndTheConfiguredOnes() {
    // given / when
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> Environments.select(environments(), "stage", TestApps.pipelineSettings()));
    // then
    assertThat(e.problems()).containsExactly(
        "env 'stage' is not a configured environment (configured: [dev, prod])");
  }

  @Test
  void select_severalBadSettings_listsEveryProblemInOneMessage() {
    // given a prod entry with four mistakes
    ObjectNode envs = environments();
    ObjectNode prod = (ObjectNode) envs.get("prod");
    prod.putObject("pipeline").put("capture_percent", 150);
    prod.put("inferenceInstanceType", "m5.large");
    prod.remove("notificationEmail");
    prod.put("monitoringEngine", "cloudwatch");
    // when
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> Environments.select(envs, null, TestApps.pipelineSettings()));
    // then
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "environments.prod.monitoringEngine must be one of [processing, model-monitor], found 'cloudwatch'",
        "environments.prod.inferenceInstanceType must be a SageMaker instance type like ml.m5.large, found 'm5.large'",
        "environments.prod.pipeline.capture_percent: must be between 0 and 100, found 150",
        "environments.prod.notificationEmail is missing: set the address notifications go to with"
            + " 'npx cdk deploy -c notificationEmail=you@example.org' (every environment of the"
            + " run) or in cdk.json under context.environments.prod.notificationEmail; 'none'"
            + " deploys without a subscription (the stack output NotificationSubscription then"
            + " says so)");
  }

  @Test
  void select_pipelineOverrides_goThroughTheSettingsModel() {
    // when: the repository's prod entry overrides approval and capture_percent of config/pipeline.json
    EnvironmentConfig prod = Environments.select(environments(), "prod", TestApps.pipelineSettings()).get(0);
    // then: the overrides apply, everything else is the file's
    assertThat(prod.pipeline().approval()).isEqualTo(Approval.MANUAL);
    assertThat(prod.pipeline().capturePercent()).isEqualTo(20);
    assertThat(prod.pipeline().tuning()).isEqualTo(TestApps.pipelineSettings().tuning());
  }

  @Test
  void select_noPipelineOverrides_takesTheSettingsModelsDefaults() {
    // given: pipeline.json that leaves approval and capture to the model, and a dev entry without overrides
    PipelineSettings minimal = PipelineSettings.parse("{\"format_version\": 1, \"target\": \"species\"}", "minimal");
    // when
    EnvironmentConfig dev = Environments.select(environments(), "dev", minimal).get(0);
    // then
    assertThat(dev.pipeline().approval()).isEqualTo(PipelineSettings.DEFAULT_APPROVAL);
    assertThat(dev.pipeline().capturePercent()).isEqualTo(PipelineSettings.DEFAULT_CAPTURE_PERCENT);
  }

  /**
   * One environment of the committed cdk.json with some keys set (a JSON object merged at its top
   * level), and the problems that must be reported, each naming the key, the value and the rule.
   */
  static Stream<Arguments> refusedEnvironments() {
    return Stream.of(
        Arguments.of("prod", "{\"pipeline\": {\"approval\": \"sometimes\", \"gate\": 0.5}}", List.of(
            "environments.prod.pipeline.gate: must be an object, found 0.5",
            "environments.prod.pipeline.approval: must be one of [auto, manual], found 'sometimes'")),
        // the former place of capturePercent
        Arguments.of("dev", "{\"capturePercent\": 10}", List.of(
            "environments.dev.capturePercent is a pipeline setting: write it as"
                + " environments.dev.pipeline.capture_percent (config/pipeline.json's name and rules)")),
        Arguments.of("prod", "{\"inferenceInstanceCount\": 1}", List.of(
            "environments.prod.deploymentStrategy CANARY needs inferenceInstanceCount 2 or more")),
        Arguments.of("dev", "{\"capturePercentage\": 10}", List.of(
            "environments.dev.capturePercentage is not a known setting")));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("refusedEnvironments")
  void select_badEnvironmentSettings_reportsEachWithTheRule(String env, String set, List<String> problems)
      throws Exception {
    // given
    ObjectNode envs = environments();
    ((ObjectNode) envs.get(env)).setAll((ObjectNode) new ObjectMapper().readTree(set));
    // when
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> Environments.select(envs, env, TestApps.pipelineSettings()));
    // then: each expected problem starts one reported problem, and nothing else is reported
    assertThat(e.problems()).hasSameSizeAs(problems);
    problems.forEach(expected -> assertThat(e.problems()).anyMatch(p -> p.startsWith(expected)));
  }

  @Test
  void select_retraining_onWithCooldownOffByDefault() {
    // when
    List<EnvironmentConfig> all = Environments.select(environments(), null, TestApps.pipelineSettings());
    // then: the committed cdk.json opts dev in and leaves prod out
    assertThat(all).extracting(e -> e.name() + "=" + e.monitoring().retraining())
        .containsExactly("dev=Retraining[enabled=true, cooldown=PT24H]",
            "prod=Retraining[enabled=false, cooldown=PT24H]");
    ObjectNode envs = environments();
    ((ObjectNode) envs.get("dev")).remove("retraining");
    assertThat(Environments.select(envs, "dev", TestApps.pipelineSettings()).get(0).monitoring()
        .retraining().enabled()).as("absent means off").isFalse();
  }

  @Test
  void select_badRetraining_listsEveryProblem() {
    // given
    ObjectNode envs = environments();
    ObjectNode dev = (ObjectNode) envs.get("dev");
    dev.putObject("retraining").put("enabled", true).put("cooldown", "24h").put("every", 2);
    ((ObjectNode) dev.get("alarms")).put("enabled", false);
    // when
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> Environments.select(envs, "dev", TestApps.pipelineSettings()));
    // then
    assertThat(e.getMessage()).contains(
        "environments.dev.retraining.every is not a known setting",
        "environments.dev.retraining.cooldown must be an ISO-8601 duration such as PT24H, found '24h'",
        "environments.dev.retraining.enabled starts the pipeline on the drift and model-quality alarms:"
            + " alarms.enabled must be true");
    dev.putObject("retraining").put("cooldown", "PT10M");
    assertThat(catchThrowableOfType(InvalidConfigurationException.class,
        () -> Environments.select(envs, "dev", TestApps.pipelineSettings())).getMessage())
        .contains("environments.dev.retraining.cooldown must be PT1H or longer");
  }

  @Test
  void select_committedCdkJson_hasNoPlaceholderAddressAndSaysHowToSetOne() {
    // given the repository's cdk.json as committed (no address anybody owns)
    ObjectNode envs = (ObjectNode) TestApps.cdkJsonContextAsCommitted().get("environments");
    // when
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> Environments.select(envs, null, TestApps.pipelineSettings()));
    // then
    assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p)
        .contains("notificationEmail is missing", "-c notificationEmail=", "cdk.json"));
  }

  @Test
  void select_alarmsOffWithoutEmail_stillNeedsAnExplicitChoice() {
    // given dev with alarms off and no address
    ObjectNode envs = environments();
    ObjectNode dev = (ObjectNode) envs.get("dev");
    ((ObjectNode) dev.get("alarms")).put("enabled", false);
    dev.remove("notificationEmail");
    // when
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> Environments.select(envs, "dev", TestApps.pipelineSettings()));
    // then
    assertThat(e.getMessage()).contains("environments.dev.notificationEmail is missing");
  }

  @Test
  void select_emailNone_acceptedWithoutAnAddress() {
    // given dev with the explicit "none"
    ObjectNode envs = environments();
    ((ObjectNode) envs.get("dev")).put("notificationEmail", "none");
    // when
    List<EnvironmentConfig> selected = Environments.select(envs, "dev", TestApps.pipelineSettings());
    // then
    assertThat(selected.get(0).email()).isEmpty();
  }
}
