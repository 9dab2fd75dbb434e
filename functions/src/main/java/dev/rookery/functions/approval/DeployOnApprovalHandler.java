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
public final class DeployOnApprovalHandler extends JsonHandler<DeployOnApprovalService> {
  public DeployOnApprovalHandler() {
    super(DeployOnApprovalHandler::wire, DeployOnApprovalHandler::handle);
  }

  private static DeployOnApprovalService wire(Environment env, AwsClients aws) {
    return new DeployOnApprovalService(ApprovalConfig.from(env),
        new SfnExecutionStarter(aws.build(SfnClient.builder())),
        new SdkServedPackageFinder(aws.build(SageMakerClient.builder())));
  }

  public static Map<String, ?> handle(DeployOnApprovalService service, Map<String, Object> event,
      Invocation invocation) {
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
