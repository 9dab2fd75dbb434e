package dev.rookery.functions.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.common.Environment;
import dev.rookery.functions.exceptions.InvalidConfigurationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "CAPTURE_PERCENT | 150 | invalid configuration: environment variable CAPTURE_PERCENT must be between 0 and 100, found 150",
      "DEPLOYMENT_STRATEGY | BLUE_GREEN | DEPLOYMENT_STRATEGY must be one of [ALL_AT_ONCE, CANARY, LINEAR], found 'BLUE_GREEN'",
      "ENDPOINT_NAME | rookery_dev | ENDPOINT_NAME must match",
      "ENDPOINT_NAME | rookery_dev | found 'rookery_dev'"})
  void from_badVariable_throwsNamingVariableAndValue(String variable, String value, String message) {
    // given
    Map<String, String> env = env();
    env.put(variable, value);

    // when / then
    assertThatThrownBy(() -> DeployConfig.from(new Environment(env)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(message);
  }
}
