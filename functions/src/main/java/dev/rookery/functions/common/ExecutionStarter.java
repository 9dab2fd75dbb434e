package dev.rookery.functions.common;

/**
 * Port: starts a Step Functions execution by name, treating an existing name as done, and reads an
 * existing execution's status.
 */
public interface ExecutionStarter {
  /**
   * @param stateMachineArn the state machine
   * @param name the execution name (deterministic, so a duplicate maps to the same execution)
   * @param inputJson the execution input
   * @return the execution's ARN and whether this call started it
   */
  Started start(String stateMachineArn, String name, String inputJson);

  /**
   * @param executionArn an existing execution
   * @return its status: {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT},
   *     {@code ABORTED} or {@code PENDING_REDRIVE}
   */
  String status(String executionArn);

  /**
   * @param executionArn the execution's ARN
   * @param started {@code false} when an execution with that name already existed
   */
  record Started(String executionArn, boolean started) {
    /** Validates. */
    public Started {
      if (executionArn == null || executionArn.isBlank()) {
        throw new IllegalArgumentException("executionArn must not be blank");
      }
    }
  }
}
