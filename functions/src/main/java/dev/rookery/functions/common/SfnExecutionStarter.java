package dev.rookery.functions.common;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/**
 * {@link ExecutionStarter} over {@code StartExecution} and {@code DescribeExecution}. For a Standard workflow, a name reused with
 * the same input while the execution runs returns it idempotently; a name reused otherwise (other
 * input, or a closed execution) fails with {@code ExecutionAlreadyExists}. Both mean the event was a
 * duplicate, so both count as success.
 *
 * @param sfn the client
 */
public record SfnExecutionStarter(SfnClient sfn) implements ExecutionStarter {
  @Override
  public Started start(String stateMachineArn, String name, String inputJson) {
    try {
      String arn = sfn.startExecution(StartExecutionRequest.builder()
          .stateMachineArn(stateMachineArn)
          .name(name)
          .input(inputJson)
          .build()).executionArn();
      return new Started(arn, true);
    } catch (ExecutionAlreadyExistsException e) {
      return new Started(executionArn(stateMachineArn, name), false);
    }
  }

  @Override
  public String status(String executionArn) {
    return sfn.describeExecution(DescribeExecutionRequest.builder().executionArn(executionArn)
        .build()).statusAsString();
  }

  /** {@code arn:aws:states:r:a:stateMachine:sm} -> {@code arn:aws:states:r:a:execution:sm:name}. */
  static String executionArn(String stateMachineArn, String name) {
    return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
  }
}
