package dev.rookery.functions.exceptions;

/**
 * The endpoint exists in a state no retry will leave by itself (Failed, OutOfService,
 * UpdateRollbackFailed): an operator must repair or delete it. Not retried.
 */
public final class EndpointNotUpdatableException extends FunctionException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpointName the endpoint
   * @param status its current {@code EndpointStatus}
   */
  public EndpointNotUpdatableException(String endpointName, String status) {
    super("endpoint " + endpointName + " is " + status
        + " and cannot be updated; repair or delete it, then deploy again");
  }
}
