package dev.rookery.functions.failure;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.SnsNotifier;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Lambda entry point for "Step Functions Execution Status Change" (FAILED, TIMED_OUT, ABORTED of
 * the Rookery machines). Output {@code {"notified", "reason"}}.
 */
public final class ExecutionFailureHandler implements RequestStreamHandler {
  private final ExecutionFailureService service;

  /** Lambda runtime constructor: reads the environment and builds the SDK clients once. */
  public ExecutionFailureHandler() {
    this(new Environment(System.getenv()));
  }

  private ExecutionFailureHandler(Environment env) {
    this(env.required("NOTIFICATION_TOPIC_ARN"), new AwsClients(env));
  }

  private ExecutionFailureHandler(String topicArn, AwsClients clients) {
    this(new ExecutionFailureService(new SfnExecutionDescriber(clients.build(SfnClient.builder())),
        new SnsNotifier(clients.build(SnsClient.builder()), topicArn)));
  }

  /** @param service the service, with its collaborators */
  public ExecutionFailureHandler(ExecutionFailureService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    ExecutionFailureService.Outcome outcome =
        service.handle(ExecutionStatusChange.parse(Json.read(input)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("notified", outcome.notified());
    out.put("reason", outcome.reason());
    Json.write(output, out);
  }
}
