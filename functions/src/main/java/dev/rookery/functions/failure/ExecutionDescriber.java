package dev.rookery.functions.failure;

/** Port: an execution's status, error and cause ({@code DescribeExecution}). */
@FunctionalInterface
public interface ExecutionDescriber {
  /**
   * @param executionArn the execution
   * @return what Step Functions reports about it
   */
  Description describe(String executionArn);

  /**
   * @param status {@code FAILED}, {@code TIMED_OUT}, {@code ABORTED}, ...
   * @param error the execution's error, or {@code null} when Step Functions gives none
   * @param cause the execution's cause, or {@code null} when Step Functions gives none
   */
  record Description(String status, String error, String cause) {}
}
