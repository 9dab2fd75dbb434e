package dev.rookery.functions.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.common.Environment;
import dev.rookery.functions.exceptions.InvalidConfigurationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployConfigTest {
  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("ENDPOINT_NAME", "rookery-dev");
    env.put("SAGEMAKER_ROLE_ARN", "arn:aws:iam::111122223333:role/sm");
    env.put("CAPTURE_S3_URI", "s3://rookery-capture/dev");
    return env;
  }

  @Test
  void from_minimalEnvironment_appliesDocumentedDefaults() {
    // when
    DeployConfig config = DeployConfig.from(new Environment(env()));

    // then
    assertThat(config.variantName()).isEqualTo("AllTraffic");
    assertThat(config.fleet().instanceType()).isEqualTo("ml.m5.large");
    assertThat(config.fleet().instanceCount()).isEqualTo(1);
    assertThat(config.capture().percent()).isEqualTo(100);
    assertThat(config.rollout().strategy()).isEqualTo(DeploymentStrategy.ALL_AT_ONCE);
    assertThat(config.rollout().rollbackAlarms()).isEmpty();
  }

  @Test
  void from_alarmList_trimmed() {
    // given
    Map<String, String> env = env();
    env.put("ROLLBACK_ALARM_NAMES", " rookery-5xx , rookery-latency,, ");
    env.put("DEPLOYMENT_STRATEGY", "LINEAR");

    // when
    DeployConfig config = DeployConfig.from(new Environment(env));

    // then
    assertThat(config.rollout().rollbackAlarms()).isEqualTo(List.of("rookery-5xx", "rookery-latency"));
    assertThat(config.rollout().strategy()).isEqualTo(DeploymentStrategy.LINEAR);
  }

  @Test
  void from_capturePercentOutOfRange_throwsNamingVariableAndValue() {
    // given
    Map<String, String> env = env();
    env.put("CAPTURE_PERCENT", "150");

    // when / then
    assertThatThrownBy(() -> DeployConfig.from(new Environment(env)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("invalid configuration: environment variable CAPTURE_PERCENT must be between 0 and 100, found 150");
  }

  @Test
  void from_unknownStrategy_throwsNamingVariableAndValue() {
    // given
    Map<String, String> env = env();
    env.put("DEPLOYMENT_STRATEGY", "BLUE_GREEN");

    // when / then
    assertThatThrownBy(() -> DeployConfig.from(new Environment(env)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("DEPLOYMENT_STRATEGY must be one of [ALL_AT_ONCE, CANARY, LINEAR], found 'BLUE_GREEN'");
  }

  @Test
  void from_endpointNameWithUnderscore_throwsNamingVariable() {
    // given
    Map<String, String> env = env();
    env.put("ENDPOINT_NAME", "rookery_dev");

    // when / then
    assertThatThrownBy(() -> DeployConfig.from(new Environment(env)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("ENDPOINT_NAME must match").hasMessageContaining("'rookery_dev'");
  }
}
