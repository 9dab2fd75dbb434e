package dev.rookery.functions.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.SfnExecutionStarter;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Lambda entry point for "SageMaker Model Package State Change". Output
 * {@code {"executionArn","started"}} or {@code {"ignored": reason}}.
 */
public final class DeployOnApprovalHandler implements RequestStreamHandler {
  private final DeployOnApprovalService service;

  /** Lambda runtime constructor: reads the environment and builds the SDK client once. */
  public DeployOnApprovalHandler() {
    this(new Environment(System.getenv()));
  }

  private DeployOnApprovalHandler(Environment env) {
    this(ApprovalConfig.from(env), new AwsClients(env));
  }

  private DeployOnApprovalHandler(ApprovalConfig config, AwsClients clients) {
    this(new DeployOnApprovalService(config,
        new SfnExecutionStarter(clients.build(SfnClient.builder())),
        new SdkServedPackageFinder(clients.build(SageMakerClient.builder()))));
  }

  /** @param service the service, with its collaborators */
  public DeployOnApprovalHandler(DeployOnApprovalService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    ApprovalOutcome outcome = service.handle(ModelPackageStateChange.parse(Json.read(input)));
    Map<String, Object> out = new LinkedHashMap<>();
    if (outcome.ignored() != null) {
      out.put("ignored", outcome.ignored());
    } else {
      out.put("executionArn", outcome.executionArn());
      out.put("started", outcome.started());
    }
    Json.write(output, out);
  }
}
