package dev.rookery.functions.register;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Lambda entry point of the pipeline's Register state. Input: see {@link RegisterRequest}; output
 * {@code {"modelPackageArn","modelPackageVersion","approvalStatus"}}.
 */
public final class RegisterHandler implements RequestStreamHandler {
  private final RegisterService service;

  /** Lambda runtime constructor: reads the environment and builds the SDK client once. */
  public RegisterHandler() {
    this(new Environment(System.getenv()));
  }

  private RegisterHandler(Environment env) {
    this(env, new AwsClients(env));
  }

  private RegisterHandler(Environment env, AwsClients clients) {
    this(new RegisterService(RegisterConfig.from(env),
        new SdkSageMakerRegistry(clients.build(SageMakerClient.builder())),
        new S3RunRecordStore(clients.build(S3Client.builder()))));
  }

  /** @param service the service, with its collaborators */
  public RegisterHandler(RegisterService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    RegisteredModel model = service.register(RegisterRequest.parse(Json.read(input)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("modelPackageArn", model.modelPackageArn());
    out.put("modelPackageVersion", model.modelPackageVersion());
    out.put("approvalStatus", model.approvalStatus());
    Json.write(output, out);
  }
}
