package dev.rookery.functions.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.common.Environment;
import dev.rookery.functions.exceptions.InvalidConfigurationException;
import dev.rookery.functions.testutils.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerConfigTest {
  /** The trigger's configuration from a complete environment with these PIPELINE_SETTINGS. */
  static TriggerConfig fromSettings(String pipelineSettings) {
    return TriggerConfig.from(new Environment(Map.of(
        "STATE_MACHINE_ARN", "arn:sm", "NOTIFICATION_TOPIC_ARN", "arn:topic",
        "PIPELINE_SETTINGS", pipelineSettings)));
  }

  @Test
  void from_projectPipelineJson_readsTargetAndFeatureColumns() {
    // when
    TriggerConfig config = fromSettings(Fixtures.text("pipeline.json"));

    // then
    assertThat(config.settings().target()).isEqualTo("species");
    assertThat(config.settings().requiredColumns()).containsExactly(
        "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year");
  }

  @Test
  void from_settingsNotJson_throwsNamingVariable() {
    // when / then
    assertThatThrownBy(() -> fromSettings("{target: species"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("invalid configuration: environment variable PIPELINE_SETTINGS not valid JSON at line 1, column 2: Unexpected character");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"seed": 42} | format_version: is required, found none; target: is required, found none
      {"format_version": 1, "target": "y", "capture_percent": 101, "tuning": {"max_jobs": 0}} | tuning.max_jobs: must be at least 1, found 0; capture_percent: must be between 0 and 100, found 101
      """)
  void from_invalidSettings_throwsNamingEveryFieldAndValue(String settings, String problems) {
    // when / then
    assertThatThrownBy(() -> fromSettings(settings))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("invalid configuration: environment variable PIPELINE_SETTINGS 2 problems: " + problems);
  }

  @Test
  void from_missingStateMachine_throwsNamingVariable() {
    // when / then
    assertThatThrownBy(() -> TriggerConfig.from(new Environment(Map.of(
        "NOTIFICATION_TOPIC_ARN", "arn:topic", "PIPELINE_SETTINGS", "{\"format_version\":1,\"target\":\"y\"}"))))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("invalid configuration: environment variable STATE_MACHINE_ARN is required but not set");
  }
}
