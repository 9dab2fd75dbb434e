package dev.rookery.functions.failure;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * {@link ExecutionDescriber} over {@code DescribeExecution}.
 *
 * @param sfn the client
 */
public record SfnExecutionDescriber(SfnClient sfn) implements ExecutionDescriber {
  @Override
  public Description describe(String executionArn) {
    DescribeExecutionResponse response = sfn.describeExecution(b -> b.executionArn(executionArn));
    return new Description(response.statusAsString(), response.error(), response.cause());
  }
}
