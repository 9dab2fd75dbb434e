package dev.rookery.functions.deploy;

import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Lambda entry point of the deploy state machine. Input {@code {"modelPackageArn",
 * "replaceFailedEndpoint", "correlationId"}} (the flag optional, default false; the correlation id
 * optional: the run that registered the package); output
 * {@code {"endpointName","endpointConfigName","modelName","action"}}. Metrics:
 * {@code DeploymentsStarted} (the endpoint is created, updated, or already on this config).
 */
public final class DeployHandler extends JsonHandler<DeployService> {
  public DeployHandler() {
    super(DeployHandler::wire, DeployHandler::handle);
  }

  private static DeployService wire(Environment env, AwsClients aws) {
    return new DeployService(DeployConfig.from(env),
        new SdkEndpointDeployer(aws.build(SageMakerClient.builder())));
  }

  public static Map<String, ?> handle(DeployService service, Map<String, Object> request,
      Invocation invocation) {
    String correlationId = Json.optionalText(request, "correlationId", "correlationId");
    if (correlationId != null) {
      invocation.correlate(correlationId);
    }
    Deployment deployment = service.deploy(Json.text(request, "modelPackageArn", "modelPackageArn"),
        replaceFailedEndpoint(request));
    invocation.count("DeploymentsStarted");
    return result("endpointName", deployment.endpointName(),
        "endpointConfigName", deployment.endpointConfigName(),
        "modelName", deployment.modelName(),
        "action", deployment.action().name());
  }

  /** {@code replaceFailedEndpoint}: absent (the pipeline's and older callers' input) means false. */
  private static boolean replaceFailedEndpoint(Map<String, Object> request) {
    Object value = request.get("replaceFailedEndpoint");
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    throw new InvalidEventException("replaceFailedEndpoint",
        "must be true or false, found " + Json.describe(value));
  }
}
