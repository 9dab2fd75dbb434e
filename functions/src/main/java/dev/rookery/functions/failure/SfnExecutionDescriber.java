package dev.rookery.functions.failure;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** {@link ExecutionDescriber} over {@code DescribeExecution}. */
public final class SfnExecutionDescriber implements ExecutionDescriber {
  private final SfnClient sfn;

  /** @param sfn the client */
  public SfnExecutionDescriber(SfnClient sfn) {
    this.sfn = sfn;
  }

  @Override
  public Description describe(String executionArn) {
    DescribeExecutionResponse response = sfn.describeExecution(b -> b.executionArn(executionArn));
    return new Description(response.statusAsString(), response.error(), response.cause());
  }
}
