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
public final class DeployHandler extends JsonHandler {
  private final DeployService service;

  /** Lambda runtime constructor: reads the environment and builds the SDK client once. */
  public DeployHandler() {
    this(service(new Environment(System.getenv())));
  }

  /** @param service the service, with its collaborators */
  public DeployHandler(DeployService service) {
    this.service = service;
  }

  private static DeployService service(Environment env) {
    return new DeployService(DeployConfig.from(env),
        new SdkEndpointDeployer(new AwsClients(env).build(SageMakerClient.builder())));
  }

  @Override
  protected Map<String, ?> handle(Map<String, Object> request, Invocation invocation) {
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
