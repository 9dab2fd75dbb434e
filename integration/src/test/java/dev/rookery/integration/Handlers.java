package dev.rookery.integration;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.functions.approval.ApprovalConfig;
import dev.rookery.functions.approval.DeployOnApprovalHandler;
import dev.rookery.functions.approval.DeployOnApprovalService;
import dev.rookery.functions.approval.SdkServedPackageFinder;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.S3ObjectReader;
import dev.rookery.functions.common.SfnExecutionStarter;
import dev.rookery.functions.common.SnsNotifier;
import dev.rookery.functions.deploy.DeployConfig;
import dev.rookery.functions.deploy.DeployHandler;
import dev.rookery.functions.deploy.DeployService;
import dev.rookery.functions.deploy.SdkEndpointDeployer;
import dev.rookery.functions.metrics.CloudWatchMetricsPublisher;
import dev.rookery.functions.metrics.PublishMetricsHandler;
import dev.rookery.functions.metrics.PublishMetricsService;
import dev.rookery.functions.register.RegisterConfig;
import dev.rookery.functions.register.RegisterHandler;
import dev.rookery.functions.register.S3RunRecordStore;
import dev.rookery.functions.register.RegisterService;
import dev.rookery.functions.register.SdkSageMakerRegistry;
import dev.rookery.functions.retrain.RetrainConfig;
import dev.rookery.functions.retrain.RetrainOnAlarmHandler;
import dev.rookery.functions.retrain.RetrainService;
import dev.rookery.functions.retrain.S3DatasetFinder;
import dev.rookery.functions.retrain.SfnRetrainHistory;
import dev.rookery.functions.trigger.TriggerConfig;
import dev.rookery.functions.trigger.TriggerHandler;
import dev.rookery.functions.trigger.TriggerService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The real handlers, configured as the deployed functions are: each one's environment is the
 * synthesized function's, every reference resolved to the resource the emulator's CloudFormation
 * created ({@link DeployedStack#resolve}), and its SDK adapters get clients of the emulator. Only the SDK client
 * construction of the handlers' no-arg constructors is replaced (it reads {@code System.getenv});
 * {@code LocalInvokeIT} in functions runs those constructors from the shipped jar.
 */
public final class Handlers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Emulator emulator;
  private final DeployedStack stack;

  /**
   * @param emulator the emulator
   * @param stack the stack deployed in it
   */
  public Handlers(Emulator emulator, DeployedStack stack) {
    this.emulator = emulator;
    this.stack = stack;
  }

  /**
   * @param handler a handler class
   * @return the environment of the function that runs it, as deployed, plus {@code AWS_REGION}
   */
  public Map<String, String> environment(Class<? extends RequestStreamHandler> handler) {
    String function = stack.synthesized().functionId(handler);
    Map<String, String> env = new HashMap<>();
    stack.synthesized().properties(function).path("Environment").path("Variables").fields()
        .forEachRemaining(e -> env.put(e.getKey(), stack.resolve(e.getValue())));
    env.put("AWS_REGION", emulator.region().id());
    return env;
  }

  /**
   * @param changes environment changes
   * @param sfn the Step Functions client (see {@link Emulator#stepFunctions})
   * @return the trigger handler
   */
  public JsonHandler<TriggerService> trigger(Map<String, String> changes, SfnClient sfn) {
    TriggerConfig config = TriggerConfig.from(env(TriggerHandler.class, changes));
    return JsonHandler.serving(new TriggerService(config,
        new S3ObjectReader(emulator.client(S3Client.builder())),
        new SfnExecutionStarter(sfn),
        new SnsNotifier(emulator.client(SnsClient.builder()), config.notificationTopicArn())),
        TriggerHandler::handle);
  }

  /**
   * @param changes environment changes
   * @param sfn the Step Functions client for the history and the start (one, as deployed)
   * @return the retrain-on-alarm handler
   */
  public JsonHandler<RetrainService> retrain(Map<String, String> changes, SfnClient sfn) {
    RetrainConfig config = RetrainConfig.from(env(RetrainOnAlarmHandler.class, changes));
    return JsonHandler.serving(new RetrainService(config,
        new S3DatasetFinder(emulator.client(S3Client.builder())),
        new SfnRetrainHistory(sfn),
        new SfnExecutionStarter(sfn),
        new SnsNotifier(emulator.client(SnsClient.builder()),
            config.pipeline().notificationTopicArn()),
        Clock.systemUTC()),
        RetrainOnAlarmHandler::handle);
  }

  /** @return the register handler, with the given environment changes */
  public JsonHandler<RegisterService> register(Map<String, String> changes) {
    return JsonHandler.serving(new RegisterService(
        RegisterConfig.from(env(RegisterHandler.class, changes)),
        new SdkSageMakerRegistry(emulator.client(SageMakerClient.builder())),
        new S3RunRecordStore(emulator.client(S3Client.builder()))),
        RegisterHandler::handle);
  }

  /** @return the deploy handler, with the given environment changes */
  public JsonHandler<DeployService> deploy(Map<String, String> changes) {
    return JsonHandler.serving(new DeployService(DeployConfig.from(env(DeployHandler.class, changes)),
        new SdkEndpointDeployer(emulator.client(SageMakerClient.builder()))),
        DeployHandler::handle);
  }

  /**
   * @param changes environment changes
   * @param sfn the Step Functions client (see {@link Emulator#stepFunctions})
   * @return the deploy-on-approval handler
   */
  public JsonHandler<DeployOnApprovalService> approval(Map<String, String> changes, SfnClient sfn) {
    return JsonHandler.serving(new DeployOnApprovalService(
        ApprovalConfig.from(env(DeployOnApprovalHandler.class, changes)),
        new SfnExecutionStarter(sfn),
        new SdkServedPackageFinder(emulator.client(SageMakerClient.builder()))),
        DeployOnApprovalHandler::handle);
  }

  /**
   * @return the publish-metrics handler; its default namespace is the deployed function's
   *     {@code METRICS_NAMESPACE}, else the handler's own default, as in its no-arg constructor
   */
  public JsonHandler<PublishMetricsService> publishMetrics() {
    Environment env = env(PublishMetricsHandler.class, Map.of());
    return JsonHandler.serving(new PublishMetricsService(
        env.optional("METRICS_NAMESPACE", PublishMetricsHandler.DEFAULT_NAMESPACE),
        new S3ObjectReader(emulator.client(S3Client.builder())),
        new CloudWatchMetricsPublisher(emulator.client(CloudWatchClient.builder()))),
        PublishMetricsHandler::handle);
  }

  /** @return the artifacts bucket: the one the deploy function's {@code CAPTURE_S3_URI} names */
  public String artifactsBucket() {
    String capture = environment(DeployHandler.class).get("CAPTURE_S3_URI");
    return capture.substring("s3://".length()).split("/", 2)[0];
  }

  /** @return the notification topic: the trigger function's {@code NOTIFICATION_TOPIC_ARN} */
  public String topicArn() {
    return environment(TriggerHandler.class).get("NOTIFICATION_TOPIC_ARN");
  }

  private Environment env(Class<? extends RequestStreamHandler> handler,
      Map<String, String> changes) {
    Map<String, String> env = environment(handler);
    env.putAll(changes);
    return new Environment(env);
  }

  /**
   * Invokes a handler as the Lambda runtime does: the event's bytes in, the result's bytes out.
   *
   * @param handler the handler
   * @param event the event JSON
   * @return the handler's output JSON
   */
  public static JsonNode invoke(RequestStreamHandler handler, String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
          null);
      return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
