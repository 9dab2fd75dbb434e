package dev.rookery.functions.deploy;

/** How an update shifts traffic to the new fleet (SageMaker blue/green traffic routing types). */
public enum DeploymentStrategy {
  /** All traffic at once; with rollback alarms, baked for {@link DeploymentPolicy#terminationWaitSeconds()}. */
  ALL_AT_ONCE,
  /** A canary share first, the rest after the wait interval. */
  CANARY,
  /** Equal steps, one per wait interval. */
  LINEAR
}
