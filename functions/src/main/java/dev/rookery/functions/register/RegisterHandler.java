package dev.rookery.functions.register;

import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.JsonHandler;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Lambda entry point of the pipeline's Register state. Input: see {@link RegisterRequest}, plus
 * {@code correlationId} (the pipeline execution name; {@code executionName} when absent); output
 * {@code {"modelPackageArn","modelPackageVersion","approvalStatus"}}. Metric:
 * {@code ModelsRegistered}.
 */
public final class RegisterHandler extends JsonHandler {
  private final RegisterService service;

  /** Lambda runtime constructor: reads the environment and builds the SDK clients once. */
  public RegisterHandler() {
    this(service(new Environment(System.getenv())));
  }

  /** @param service the service, with its collaborators */
  public RegisterHandler(RegisterService service) {
    this.service = service;
  }

  private static RegisterService service(Environment env) {
    AwsClients clients = new AwsClients(env);
    return new RegisterService(RegisterConfig.from(env),
        new SdkSageMakerRegistry(clients.build(SageMakerClient.builder())),
        new S3RunRecordStore(clients.build(S3Client.builder())));
  }

  @Override
  protected Map<String, ?> handle(Map<String, Object> event, Invocation invocation) {
    RegisterRequest request = RegisterRequest.parse(event);
    String correlationId = Json.optionalText(event, "correlationId", "correlationId");
    invocation.correlate(correlationId != null ? correlationId : request.executionName());
    RegisteredModel model = service.register(request);
    invocation.count("ModelsRegistered");
    return result("modelPackageArn", model.modelPackageArn(),
        "modelPackageVersion", model.modelPackageVersion(),
        "approvalStatus", model.approvalStatus());
  }
}
