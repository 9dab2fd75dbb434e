package dev.rookery.functions.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.S3ObjectReader;
import dev.rookery.functions.common.SfnExecutionStarter;
import dev.rookery.functions.common.SnsNotifier;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Lambda entry point for the EventBridge S3 "Object Created" event. Returns
 * {@code {"executionArn", "started"}}, {@code {"rejected": reason, "object": uri}} or {@code
 * {"ignored": reason, "object": uri}} (a console folder marker); throws
 * {@code InvalidEventException} for an event of the wrong shape.
 */
public final class TriggerHandler implements RequestStreamHandler {
  private final TriggerService service;

  /**
   * Lambda runtime constructor: reads the environment and builds the SDK clients once.
   * {@code ARTIFACTS_BUCKET} (optional; the CDK app sets it): where uploads over 5 GiB are copied in
   * parts; without it they are rejected.
   */
  public TriggerHandler() {
    this(new Environment(System.getenv()));
  }

  private TriggerHandler(Environment env) {
    this(TriggerConfig.from(env), env.optional("ARTIFACTS_BUCKET", null), new AwsClients(env));
  }

  private TriggerHandler(TriggerConfig config, String artifactsBucket, AwsClients clients) {
    this(config, artifactsBucket, clients, clients.build(S3Client.builder()));
  }

  private TriggerHandler(TriggerConfig config, String artifactsBucket, AwsClients clients,
      S3Client s3) {
    this(new TriggerService(config,
        new S3ObjectReader(s3),
        new SfnExecutionStarter(clients.build(SfnClient.builder())),
        new SnsNotifier(clients.build(SnsClient.builder()), config.notificationTopicArn()),
        artifactsBucket == null ? null
            : new TriggerService.LargeUploads(artifactsBucket, new S3MultipartPinner(s3))));
  }

  /** @param service the service, with its collaborators */
  public TriggerHandler(TriggerService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    TriggerResult result = service.handle(UploadEvent.parse(Json.read(input)));
    Map<String, Object> out = new LinkedHashMap<>();
    if (result instanceof TriggerResult.Started started) {
      out.put("executionArn", started.executionArn());
      out.put("started", started.started());
    } else if (result instanceof TriggerResult.Rejected rejected) {
      out.put("rejected", rejected.reason());
      out.put("object", rejected.objectUri());
    } else if (result instanceof TriggerResult.Ignored ignored) {
      out.put("ignored", ignored.reason());
      out.put("object", ignored.objectUri());
    }
    Json.write(output, out);
  }
}
