package dev.rookery.functions.exceptions;

/**
 * The endpoint is in a transitional state (Creating, Updating, SystemUpdating, RollingBack, Deleting)
 * and cannot be updated now. The deploy state machine retries on this name; nothing was changed.
 */
public final class EndpointBusyException extends FunctionException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpointName the endpoint
   * @param status its current {@code EndpointStatus}
   */
  public EndpointBusyException(String endpointName, String status) {
    super("endpoint " + endpointName + " is " + status + "; retry once it is InService");
  }
}
