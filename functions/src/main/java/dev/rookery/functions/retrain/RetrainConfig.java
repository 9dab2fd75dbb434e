package dev.rookery.functions.retrain;

import dev.rookery.functions.common.Environment;
import dev.rookery.functions.exceptions.InvalidConfigurationException;
import dev.rookery.functions.trigger.TriggerConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The retraining function's environment.
 *
 * @param pipeline {@code STATE_MACHINE_ARN}, {@code NOTIFICATION_TOPIC_ARN} and
 *     {@code PIPELINE_SETTINGS}, read as the trigger reads them (the same pipeline, settings and topic)
 * @param dataBucket {@code DATA_BUCKET}: where datasets are uploaded
 * @param datasetPrefix {@code DATASET_PREFIX}: the uploads' key prefix, e.g. {@code incoming/}
 * @param cooldown {@code RETRAIN_COOLDOWN}: ISO-8601 duration (e.g. {@code PT24H}); at most one
 *     retraining starts per this period
 */
public record RetrainConfig(TriggerConfig pipeline, String dataBucket, String datasetPrefix,
    Duration cooldown) {
  /** Validates. */
  public RetrainConfig {
    if (pipeline == null) {
      throw new IllegalArgumentException("pipeline must not be null");
    }
    if (dataBucket == null || dataBucket.isBlank()) {
      throw new IllegalArgumentException("dataBucket must not be blank");
    }
    if (datasetPrefix == null) {
      throw new IllegalArgumentException("datasetPrefix must not be null");
    }
    if (cooldown == null || cooldown.isNegative() || cooldown.isZero()) {
      throw new IllegalArgumentException("cooldown must be positive, found " + cooldown);
    }
  }

  /**
   * @param env the environment
   * @return the config
   * @throws InvalidConfigurationException naming the variable at fault
   */
  public static RetrainConfig from(Environment env) {
    String raw = env.required("RETRAIN_COOLDOWN");
    Duration cooldown;
    try {
      cooldown = Duration.parse(raw);
    } catch (DateTimeParseException e) {
      throw new InvalidConfigurationException("RETRAIN_COOLDOWN",
          "must be an ISO-8601 duration such as PT24H, found '" + raw + "'", e);
    }
    if (cooldown.isNegative() || cooldown.isZero()) {
      throw new InvalidConfigurationException("RETRAIN_COOLDOWN",
          "must be longer than zero, found '" + raw + "'");
    }
    return new RetrainConfig(TriggerConfig.from(env), env.required("DATA_BUCKET"),
        env.optional("DATASET_PREFIX", "incoming/"), cooldown);
  }
}
