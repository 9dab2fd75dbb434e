package dev.rookery.functions.failure;

import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.SnsNotifier;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Lambda entry point for "Step Functions Execution Status Change" (FAILED, TIMED_OUT, ABORTED of
 * the Rookery machines). Output {@code {"notified", "reason"}}. The correlation id is the ended
 * execution's name (a pipeline run's is its upload's id). Metric: {@code ExecutionFailuresNotified}.
 */
public final class ExecutionFailureHandler extends JsonHandler<ExecutionFailureService> {
  public ExecutionFailureHandler() {
    super(ExecutionFailureHandler::wire, ExecutionFailureHandler::handle);
  }

  private static ExecutionFailureService wire(Environment env, AwsClients aws) {
    return new ExecutionFailureService(new SfnExecutionDescriber(aws.build(SfnClient.builder())),
        new SnsNotifier(aws.build(SnsClient.builder()), env.required("NOTIFICATION_TOPIC_ARN")));
  }

  public static Map<String, ?> handle(ExecutionFailureService service, Map<String, Object> event,
      Invocation invocation) {
    ExecutionStatusChange change = ExecutionStatusChange.parse(event);
    invocation.correlate(change.name());
    ExecutionFailureService.Outcome outcome = service.handle(change);
    if (outcome.notified()) {
      invocation.count("ExecutionFailuresNotified");
    }
    return result("notified", outcome.notified(), "reason", outcome.reason());
  }
}
