package dev.rookery.functions.deploy;

import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.exceptions.InvalidConfigurationException;
import java.util.Arrays;
import java.util.List;

/**
 * The deploy step's environment.
 *
 * @param endpointName {@code ENDPOINT_NAME}
 * @param variantName {@code VARIANT_NAME}, default {@code AllTraffic}; the same on every deploy, as
 *     blue/green updates require
 * @param roleArn {@code SAGEMAKER_ROLE_ARN}: the model's execution role
 * @param fleet {@code INSTANCE_TYPE}, default {@code ml.m5.large}, and {@code INSTANCE_COUNT},
 *     default 1
 * @param capture {@code CAPTURE_PERCENT}, 0-100, default 100 (0 disables capture), and
 *     {@code CAPTURE_S3_URI}, the destination
 * @param rollout how an update shifts traffic and which alarms roll it back
 */
public record DeployConfig(String endpointName, String variantName, String roleArn, Fleet fleet,
    DataCapture capture, Rollout rollout) {
  /** Validates names against SageMaker's pattern and the capture URI's scheme. */
  public DeployConfig {
    requireName("ENDPOINT_NAME", endpointName);
    requireName("VARIANT_NAME", variantName);
    if (capture.s3Uri() == null || !capture.s3Uri().startsWith("s3://")) {
      throw new InvalidConfigurationException("CAPTURE_S3_URI",
          "must be an s3:// URI, found '" + capture.s3Uri() + "'");
    }
    if (capture.percent() < 0 || capture.percent() > 100) {
      throw new InvalidConfigurationException("CAPTURE_PERCENT",
          "must be between 0 and 100, found " + capture.percent());
    }
  }

  /**
   * The blue/green update.
   *
   * @param strategy {@code DEPLOYMENT_STRATEGY}: {@code ALL_AT_ONCE} (default), {@code CANARY},
   *     {@code LINEAR}
   * @param rollbackAlarms {@code ROLLBACK_ALARM_NAMES}: comma list, may be empty
   */
  public record Rollout(DeploymentStrategy strategy, List<String> rollbackAlarms) {
    /** Copies the alarm list. */
    public Rollout {
      rollbackAlarms = List.copyOf(rollbackAlarms);
    }
  }

  private static void requireName(String variable, String value) {
    if (value == null || !Names.SAGEMAKER_NAME.matcher(value).matches()) {
      throw new InvalidConfigurationException(variable,
          "must match " + Names.SAGEMAKER_NAME.pattern() + ", found '" + value + "'");
    }
  }

  /**
   * @param env the environment
   * @return the config
   * @throws InvalidConfigurationException naming the variable
   */
  public static DeployConfig from(Environment env) {
    List<String> strategies = Arrays.stream(DeploymentStrategy.values()).map(Enum::name).toList();
    return new DeployConfig(env.required("ENDPOINT_NAME"), env.optional("VARIANT_NAME", "AllTraffic"),
        env.required("SAGEMAKER_ROLE_ARN"),
        new Fleet(env.optional("INSTANCE_TYPE", "ml.m5.large"), env.integer("INSTANCE_COUNT", 1, 1, 100)),
        new DataCapture(env.integer("CAPTURE_PERCENT", 100, 0, 100), env.required("CAPTURE_S3_URI")),
        new Rollout(
            DeploymentStrategy.valueOf(env.oneOf("DEPLOYMENT_STRATEGY", "ALL_AT_ONCE", strategies)),
            env.list("ROLLBACK_ALARM_NAMES")));
  }
}
