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
public final class RegisterHandler extends JsonHandler<RegisterService> {
  public RegisterHandler() {
    super(RegisterHandler::wire, RegisterHandler::handle);
  }

  private static RegisterService wire(Environment env, AwsClients aws) {
    return new RegisterService(RegisterConfig.from(env),
        new SdkSageMakerRegistry(aws.build(SageMakerClient.builder())),
        new S3RunRecordStore(aws.build(S3Client.builder())));
  }

  public static Map<String, ?> handle(RegisterService service, Map<String, Object> event,
      Invocation invocation) {
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
