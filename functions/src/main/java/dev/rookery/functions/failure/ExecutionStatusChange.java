package dev.rookery.functions.failure;

import dev.rookery.functions.common.EventBridgeEvents;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.util.Map;

/**
 * The parts of an EventBridge "Step Functions Execution Status Change" event the handler uses. Not
 * {@code detail.error} or {@code detail.cause}: AWS's documented FAILED example carries neither, so
 * they are read from {@code DescribeExecution}.
 *
 * @param executionArn {@code detail.executionArn}
 * @param stateMachineArn {@code detail.stateMachineArn}
 * @param name {@code detail.name}
 * @param status {@code detail.status}
 */
public record ExecutionStatusChange(String executionArn, String stateMachineArn, String name,
    String status) {
  /**
   * @param event the whole event
   * @return the change
   * @throws InvalidEventException naming the first missing or malformed field
   */
  public static ExecutionStatusChange parse(Map<String, Object> event) {
    Map<String, Object> detail = EventBridgeEvents.detail(event, "aws.states", "Step Functions Execution Status Change");
    return new ExecutionStatusChange(
        Json.text(detail, "executionArn", "detail.executionArn"),
        Json.text(detail, "stateMachineArn", "detail.stateMachineArn"),
        Json.text(detail, "name", "detail.name"),
        Json.text(detail, "status", "detail.status"));
  }
}
