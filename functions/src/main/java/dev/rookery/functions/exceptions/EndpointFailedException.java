package dev.rookery.functions.exceptions;

/**
 * The endpoint is {@code Failed}: its creation failed, it serves nothing, and SageMaker allows only
 * {@code DeleteEndpoint} on it. The deploy state machine catches this name and calls DeployHandler
 * once more with {@code replaceFailedEndpoint}, which deletes the endpoint and creates it again.
 */
public final class EndpointFailedException extends FunctionException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpointName the endpoint
   * @param failureReason SageMaker's {@code FailureReason}, or {@code null} when it gives none
   */
  public EndpointFailedException(String endpointName, String failureReason) {
    super("endpoint " + endpointName + " is Failed ("
        + (failureReason == null ? "SageMaker gives no FailureReason" : failureReason)
        + "); only DeleteEndpoint works on it, so the deployment deletes it and creates it again");
  }
}
