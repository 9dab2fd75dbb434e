package dev.rookery.functions.deploy;

/**
 * What the deploy step did; the state machine polls {@code DescribeEndpoint} on {@code endpointName}.
 *
 * @param endpointName the endpoint
 * @param endpointConfigName the config it is moving to (or already runs)
 * @param modelName the model
 * @param action {@code CREATE} or {@code UPDATE}
 */
public record Deployment(String endpointName, String endpointConfigName, String modelName,
    Action action) {
  /** Whether the endpoint was created or updated. */
  public enum Action {
    /** CreateEndpoint was called. */
    CREATE,
    /** UpdateEndpoint was called, or the endpoint already ran this config (a retry). */
    UPDATE
  }
}
