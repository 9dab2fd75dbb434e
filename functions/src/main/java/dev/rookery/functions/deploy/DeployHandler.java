package dev.rookery.functions.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Lambda entry point of the deploy state machine. Input {@code {"modelPackageArn",
 * "replaceFailedEndpoint"}} (the flag optional, default false); output
 * {@code {"endpointName","endpointConfigName","modelName","action"}}.
 */
public final class DeployHandler implements RequestStreamHandler {
  private final DeployService service;

  /** Lambda runtime constructor: reads the environment and builds the SDK client once. */
  public DeployHandler() {
    this(new Environment(System.getenv()));
  }

  private DeployHandler(Environment env) {
    this(new DeployService(DeployConfig.from(env),
        new SdkEndpointDeployer(new AwsClients(env).build(SageMakerClient.builder()))));
  }

  /** @param service the service, with its collaborators */
  public DeployHandler(DeployService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    Map<String, Object> request = Json.read(input);
    Deployment deployment = service.deploy(Json.text(request, "modelPackageArn", "modelPackageArn"),
        replaceFailedEndpoint(request));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("endpointName", deployment.endpointName());
    out.put("endpointConfigName", deployment.endpointConfigName());
    out.put("modelName", deployment.modelName());
    out.put("action", deployment.action().name());
    Json.write(output, out);
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
