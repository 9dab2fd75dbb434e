package dev.rookery.functions.deploy;

import java.util.List;

/**
 * The {@code DeploymentConfig} of an {@code UpdateEndpoint}: blue/green routing and auto-rollback.
 *
 * @param strategy traffic routing type
 * @param stepPercent canary size or linear step, in percent of the new fleet's capacity (unused for
 *     {@code ALL_AT_ONCE})
 * @param waitIntervalSeconds wait between traffic shifts
 * @param terminationWaitSeconds baking time before the old fleet is terminated
 * @param maximumExecutionTimeoutSeconds upper bound on the whole deployment
 * @param rollbackAlarms CloudWatch alarms that roll the deployment back
 */
public record DeploymentPolicy(DeploymentStrategy strategy, int stepPercent, int waitIntervalSeconds,
    int terminationWaitSeconds, int maximumExecutionTimeoutSeconds, List<String> rollbackAlarms) {
  /** Canary size / linear step: 25 % (SageMaker allows at most 50 % for a canary, 10-50 % per linear step). */
  public static final int DEFAULT_STEP_PERCENT = 25;
  /** Wait between shifts: 300 s. */
  public static final int DEFAULT_WAIT_SECONDS = 300;
  /** Baking before the old fleet goes: 300 s. */
  public static final int DEFAULT_TERMINATION_WAIT_SECONDS = 300;
  /** Whole deployment: 3600 s (API range 600-28800). */
  public static final int DEFAULT_MAX_EXECUTION_SECONDS = 3600;

  /** Validates the ranges SageMaker enforces. */
  public DeploymentPolicy {
    rollbackAlarms = List.copyOf(rollbackAlarms);
    if (strategy == null) {
      throw new IllegalArgumentException("strategy must not be null");
    }
    if (strategy != DeploymentStrategy.ALL_AT_ONCE && (stepPercent < 1 || stepPercent > 50)) {
      throw new IllegalArgumentException("stepPercent must be within 1-50, found " + stepPercent);
    }
    if (maximumExecutionTimeoutSeconds < 600 || maximumExecutionTimeoutSeconds > 28800) {
      throw new IllegalArgumentException("maximumExecutionTimeoutSeconds must be within 600-28800,"
          + " found " + maximumExecutionTimeoutSeconds);
    }
  }

  /**
   * The documented defaults for a strategy.
   *
   * @param strategy routing type
   * @param rollbackAlarms alarm names
   * @return the policy
   */
  public static DeploymentPolicy defaults(DeploymentStrategy strategy, List<String> rollbackAlarms) {
    boolean gradual = strategy != DeploymentStrategy.ALL_AT_ONCE;
    return new DeploymentPolicy(strategy, DEFAULT_STEP_PERCENT, gradual ? DEFAULT_WAIT_SECONDS : 0,
        DEFAULT_TERMINATION_WAIT_SECONDS, DEFAULT_MAX_EXECUTION_SECONDS, rollbackAlarms);
  }
}
