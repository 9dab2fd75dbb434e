package dev.rookery.functions.retrain;

import dev.rookery.functions.common.AwsClients;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.SfnExecutionStarter;
import dev.rookery.functions.common.SnsNotifier;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Lambda entry point for the EventBridge "CloudWatch Alarm State Change" event of a drift or
 * model-quality alarm (the opt-in retraining rule). Returns {@code {"executionArn", "started",
 * "dataset"}}, {@code {"skipped": reason}} or {@code {"ignored": reason}}; throws
 * {@code InvalidEventException} for an event of another shape. Correlation id: the retraining
 * execution's name, once started. Metrics: {@code RetrainingsStarted}, {@code RetrainingsSkipped}.
 */
public final class RetrainOnAlarmHandler extends JsonHandler<RetrainService> {
  public RetrainOnAlarmHandler() {
    super(RetrainOnAlarmHandler::wire, RetrainOnAlarmHandler::handle);
  }

  private static RetrainService wire(Environment env, AwsClients aws) {
    RetrainConfig config = RetrainConfig.from(env);
    // one Step Functions client for the history and the start: each client costs start-up time
    SfnClient sfn = aws.build(SfnClient.builder());
    return new RetrainService(config,
        new S3DatasetFinder(aws.build(S3Client.builder())),
        new SfnRetrainHistory(sfn),
        new SfnExecutionStarter(sfn),
        new SnsNotifier(aws.build(SnsClient.builder()), config.pipeline().notificationTopicArn()),
        Clock.systemUTC());
  }

  public static Map<String, ?> handle(RetrainService service, Map<String, Object> event,
      Invocation invocation) {
    RetrainResult result = service.handle(AlarmStateChange.parse(event));
    if (result instanceof RetrainResult.Started started) {
      invocation.correlate(started.executionArn().substring(started.executionArn().lastIndexOf(':') + 1));
      if (started.started()) {
        invocation.count("RetrainingsStarted");
      }
      return result("executionArn", started.executionArn(), "started", started.started(),
          "dataset", started.datasetUri());
    }
    if (result instanceof RetrainResult.Skipped skipped) {
      invocation.count("RetrainingsSkipped");
      return result("skipped", skipped.reason());
    }
    return result("ignored", ((RetrainResult.Ignored) result).reason());
  }
}
