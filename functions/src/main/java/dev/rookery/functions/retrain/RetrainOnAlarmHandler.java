package dev.rookery.functions.retrain;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.SfnExecutionStarter;
import dev.rookery.functions.common.SnsNotifier;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Lambda entry point for the EventBridge "CloudWatch Alarm State Change" event of a drift or
 * model-quality alarm (the opt-in retraining rule). Returns {@code {"executionArn", "started",
 * "dataset"}}, {@code {"skipped": reason}} or {@code {"ignored": reason}}; throws
 * {@code InvalidEventException} for an event of another shape.
 */
public final class RetrainOnAlarmHandler implements RequestStreamHandler {
  private final RetrainService service;

  /** Lambda runtime constructor: reads the environment and builds the SDK clients once. */
  public RetrainOnAlarmHandler() {
    this(new Environment(System.getenv()));
  }

  private RetrainOnAlarmHandler(Environment env) {
    this(RetrainConfig.from(env), new AwsClients(env));
  }

  private RetrainOnAlarmHandler(RetrainConfig config, AwsClients clients) {
    this(new RetrainService(config,
        new S3DatasetFinder(clients.build(S3Client.builder())),
        new SfnRetrainHistory(clients.build(SfnClient.builder())),
        new SfnExecutionStarter(clients.build(SfnClient.builder())),
        new SnsNotifier(clients.build(SnsClient.builder()), config.pipeline().notificationTopicArn()),
        Clock.systemUTC()));
  }

  /** @param service the service, with its collaborators */
  public RetrainOnAlarmHandler(RetrainService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    RetrainResult result = service.handle(AlarmStateChange.parse(Json.read(input)));
    Map<String, Object> out = new LinkedHashMap<>();
    if (result instanceof RetrainResult.Started started) {
      out.put("executionArn", started.executionArn());
      out.put("started", started.started());
      out.put("dataset", started.datasetUri());
    } else if (result instanceof RetrainResult.Skipped skipped) {
      out.put("skipped", skipped.reason());
    } else if (result instanceof RetrainResult.Ignored ignored) {
      out.put("ignored", ignored.reason());
    }
    Json.write(output, out);
  }
}
