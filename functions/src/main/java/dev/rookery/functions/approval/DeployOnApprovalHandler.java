package dev.rookery.functions.approval;

import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.SfnExecutionStarter;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Lambda entry point for "SageMaker Model Package State Change". Output
 * {@code {"executionArn","started"}} or {@code {"ignored": reason}}. The correlation id is the run
 * that registered the package ({@link ModelPackageStateChange#correlationId()}). Metric:
 * {@code ModelsApproved} (an approval that starts, or already started, a deployment).
 */
public final class DeployOnApprovalHandler extends JsonHandler {
  private final DeployOnApprovalService service;

  /** Lambda runtime constructor: reads the environment and builds the SDK clients once. */
  public DeployOnApprovalHandler() {
    this(service(new Environment(System.getenv())));
  }

  /** @param service the service, with its collaborators */
  public DeployOnApprovalHandler(DeployOnApprovalService service) {
    this.service = service;
  }

  private static DeployOnApprovalService service(Environment env) {
    AwsClients clients = new AwsClients(env);
    return new DeployOnApprovalService(ApprovalConfig.from(env),
        new SfnExecutionStarter(clients.build(SfnClient.builder())),
        new SdkServedPackageFinder(clients.build(SageMakerClient.builder())));
  }

  @Override
  protected Map<String, ?> handle(Map<String, Object> event, Invocation invocation) {
    ModelPackageStateChange change = ModelPackageStateChange.parse(event);
    invocation.correlate(change.correlationId());
    ApprovalOutcome outcome = service.handle(change);
    if (outcome.ignored() != null) {
      return result("ignored", outcome.ignored());
    }
    invocation.count("ModelsApproved");
    return result("executionArn", outcome.executionArn(), "started", outcome.started());
  }
}
