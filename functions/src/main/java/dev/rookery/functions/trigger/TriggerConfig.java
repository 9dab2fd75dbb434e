package dev.rookery.functions.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidConfigurationException;

/**
 * The trigger's environment.
 *
 * @param stateMachineArn {@code STATE_MACHINE_ARN}: the pipeline state machine
 * @param notificationTopicArn {@code NOTIFICATION_TOPIC_ARN}: where rejections go
 * @param settings {@code PIPELINE_SETTINGS}: the JSON of {@code config/pipeline.json}
 */
public record TriggerConfig(String stateMachineArn, String notificationTopicArn,
    DatasetSettings settings) {
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
   * @throws InvalidConfigurationException naming the variable
   */
  public static TriggerConfig from(Environment env) {
    String raw = env.required("PIPELINE_SETTINGS");
    DatasetSettings settings;
    try {
      settings = DatasetSettings.of(Json.parse(raw));
    } catch (JsonProcessingException e) {
      throw new InvalidConfigurationException("PIPELINE_SETTINGS",
          "is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("PIPELINE_SETTINGS", e.getMessage(), e);
    }
    return new TriggerConfig(env.required("STATE_MACHINE_ARN"),
        env.required("NOTIFICATION_TOPIC_ARN"), settings);
  }
}
