package dev.rookery.functions.trigger;

import dev.rookery.functions.common.Environment;
import dev.rookery.functions.exceptions.InvalidConfigurationException;
import dev.rookery.settings.PipelineSettings;
import dev.rookery.settings.SettingsException;

/**
 * The trigger's environment.
 *
 * @param stateMachineArn {@code STATE_MACHINE_ARN}: the pipeline state machine
 * @param notificationTopicArn {@code NOTIFICATION_TOPIC_ARN}: where rejections go
 * @param settings {@code PIPELINE_SETTINGS}: {@code config/pipeline.json} as the CDK app wrote it,
 *     read through the settings model (same rules and defaults as every other reader)
 */
public record TriggerConfig(String stateMachineArn, String notificationTopicArn,
    PipelineSettings settings) {
  /** Validates. */
  public TriggerConfig {
    if (stateMachineArn == null || stateMachineArn.isBlank()) {
      throw new IllegalArgumentException("stateMachineArn must not be blank");
    }
    if (notificationTopicArn == null || notificationTopicArn.isBlank()) {
      throw new IllegalArgumentException("notificationTopicArn must not be blank");
    }
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
  }

  /**
   * @param env the environment
   * @return the config
   * @throws InvalidConfigurationException naming the variable, and every settings field at fault
   */
  public static TriggerConfig from(Environment env) {
    String raw = env.required("PIPELINE_SETTINGS");
    PipelineSettings settings;
    try {
      settings = PipelineSettings.parse(raw, "PIPELINE_SETTINGS");
    } catch (SettingsException e) {
      // The exception's message starts with its source, PIPELINE_SETTINGS: say it once.
      throw new InvalidConfigurationException("PIPELINE_SETTINGS",
          e.getMessage().substring("PIPELINE_SETTINGS: ".length()), e);
    }
    return new TriggerConfig(env.required("STATE_MACHINE_ARN"),
        env.required("NOTIFICATION_TOPIC_ARN"), settings);
  }
}
