package dev.rookery.functions.trigger;

import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.common.S3ObjectReader;
import dev.rookery.functions.common.SfnExecutionStarter;
import dev.rookery.functions.common.SnsNotifier;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Lambda entry point for the EventBridge S3 "Object Created" event. Returns
 * {@code {"executionArn", "started"}}, {@code {"rejected": reason, "object": uri}} or {@code
 * {"ignored": reason, "object": uri}} (a console folder marker); throws
 * {@code InvalidEventException} for an event of the wrong shape. The correlation id is the
 * pipeline execution name the upload gets (rejected uploads too, so their lines can be found).
 * Metrics: {@code UploadsAccepted}, {@code UploadsRejected}, {@code RunsStarted}.
 */
public final class TriggerHandler extends JsonHandler<TriggerService> {
  public TriggerHandler() {
    super(TriggerHandler::wire, TriggerHandler::handle);
  }

  /**
   * {@code ARTIFACTS_BUCKET} (optional; the CDK app sets it): where uploads over 5 GiB are copied
   * in parts; without it they are rejected.
   */
  private static TriggerService wire(Environment env, AwsClients aws) {
    TriggerConfig config = TriggerConfig.from(env);
    String artifactsBucket = env.optional("ARTIFACTS_BUCKET", null);
    S3Client s3 = aws.build(S3Client.builder());
    return new TriggerService(config, new S3ObjectReader(s3),
        new SfnExecutionStarter(aws.build(SfnClient.builder())),
        new SnsNotifier(aws.build(SnsClient.builder()), config.notificationTopicArn()),
        artifactsBucket == null ? null
            : new TriggerService.LargeUploads(artifactsBucket, new S3MultipartPinner(s3)));
  }

  public static Map<String, ?> handle(TriggerService service, Map<String, Object> event,
      Invocation invocation) {
    UploadEvent upload = UploadEvent.parse(event);
    invocation.correlate(Names.pipelineExecution(upload.object().bucket(), upload.object().key(),
        upload.version()));
    TriggerResult result = service.handle(upload);
    if (result instanceof TriggerResult.Started started) {
      invocation.count("UploadsAccepted");
      if (started.started()) {
        invocation.count("RunsStarted");
      }
      return result("executionArn", started.executionArn(), "started", started.started());
    }
    if (result instanceof TriggerResult.Rejected rejected) {
      invocation.count("UploadsRejected");
      return result("rejected", rejected.reason(), "object", rejected.objectUri());
    }
    TriggerResult.Ignored ignored = (TriggerResult.Ignored) result;
    return result("ignored", ignored.reason(), "object", ignored.objectUri());
  }
}
