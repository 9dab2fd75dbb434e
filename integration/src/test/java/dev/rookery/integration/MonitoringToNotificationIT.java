package dev.rookery.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.infra.constructs.RookeryAlarms;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Monitoring to notification: what the monitor writes ({@code cloudwatch_metrics.json}, its golden
 * file, stamped with the endpoint and schedule the synthesized monitoring machine hands the
 * monitor) is published by PublishMetricsHandler and read back through every synthesized alarm on
 * a Rookery namespace: same namespace, metric name and dimensions, or the alarm would never see a
 * value. Notifications reach an SQS queue subscribed to the stack's topic with their text.
 */
@ExtendWith(EmulatorExtension.class)
class MonitoringToNotificationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Emulator emulator;
  private static DeployedStack stack;
  private static Handlers handlers;
  private static S3Client s3;
  private static CloudWatchClient cloudWatch;

  @BeforeAll
  static void deploy(Emulator running) {
    emulator = running;
    stack = DeployedStack.on(emulator);
    handlers = new Handlers(emulator, stack);
    s3 = emulator.client(S3Client.builder());
    cloudWatch = emulator.client(CloudWatchClient.builder());
  }

  @Test
  void monitorMetrics_publishedByTheHandler_areSeenByEverySynthesizedRookeryAlarm()
      throws Exception {
    Map<String, String> monitorEnv = monitorEnvironment("monitor");
    Map<String, String> qualityEnv = monitorEnvironment("model-quality");
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    ObjectNode metrics;
    try (InputStream in = getClass().getResourceAsStream("/monitor/cloudwatch_metrics.json")) {
      metrics = (ObjectNode) JSON.readTree(in);
    }
    for (JsonNode datum : metrics.path("metrics")) {
      ((ObjectNode) datum).put("Timestamp", hour.toString());
      for (JsonNode dimension : datum.path("Dimensions")) {
        String name = dimension.path("Name").asText();
        ((ObjectNode) dimension).put("Value", switch (name) {
          case "Endpoint" -> monitorEnv.get("sagemaker_endpoint_name");
          case "MonitoringSchedule" -> monitorEnv.get("sagemaker_monitoring_schedule_name");
          default -> throw new AssertionError("the monitor's file has a dimension " + name
              + " this test does not know");
        });
      }
    }
    publish(metrics, "drift", hour);
    // The model-quality job's file has the drift file's shape (namespace, Endpoint and
    // MonitoringSchedule) with the contract's metric names; its own golden file lives with the
    // container. Dimensions: what the machine's MonitorQuality state hands that job.
    ObjectNode quality = metrics.deepCopy();
    quality.putArray("metrics");
    for (String name : RookeryAlarms.QUALITY_METRICS) {
      ObjectNode datum = ((ObjectNode) metrics.path("metrics").get(0)).deepCopy();
      datum.put("MetricName", name).put("Value", 0.97);
      for (JsonNode dimension : datum.path("Dimensions")) {
        ((ObjectNode) dimension).put("Value", dimension.path("Name").asText().equals("Endpoint")
            ? qualityEnv.get("sagemaker_endpoint_name")
            : qualityEnv.get("sagemaker_monitoring_schedule_name"));
      }
      ((com.fasterxml.jackson.databind.node.ArrayNode) quality.get("metrics")).add(datum);
    }
    publish(quality, "model-quality", hour);

    List<MetricAlarm> rookeryAlarms = cloudWatch.describeAlarmsPaginator(b -> { })
        .metricAlarms().stream()
        // AWS/* namespaces are published by AWS (SageMaker's endpoint metrics, Lambda's errors).
        .filter(a -> a.namespace() != null && !a.namespace().startsWith("AWS/")).toList();
    assertThat(rookeryAlarms).as("alarms on metrics Rookery publishes").isNotEmpty();
    for (MetricAlarm alarm : rookeryAlarms) {
      List<Datapoint> seen = cloudWatch.getMetricStatistics(b -> b.namespace(alarm.namespace())
          .metricName(alarm.metricName()).dimensions(alarm.dimensions())
          .startTime(hour.minus(1, ChronoUnit.HOURS)).endTime(hour.plus(1, ChronoUnit.HOURS))
          .period(alarm.period()).statistics(Statistic.MAXIMUM)).datapoints();
      assertThat(seen).as("what alarm %s (%s %s %s) sees of the published metrics",
          alarm.alarmName(), alarm.namespace(), alarm.metricName(), alarm.dimensions())
          .isNotEmpty();
      assertThat(alarm.alarmActions()).as("actions of %s", alarm.alarmName())
          .contains(topicArn());
    }
  }

  @Test
  void rejectedUpload_notifiesTheTopic_andTheSubscribedQueueGetsTheText() {
    Queue inbox = Queue.subscribedTo(emulator, topicArn(), "monitoring-notifications");
    String dataBucket = stack.physicalId(stack.synthesized().properties(uploadRule())
        .path("EventPattern").path("detail").path("bucket").path("name").path(0).path("Ref")
        .asText());
    String key = stack.synthesized().properties(uploadRule()).path("EventPattern").path("detail")
        .path("object").path("key").path(0).path("prefix").asText() + "notes.txt";
    s3.putObject(b -> b.bucket(dataBucket).key(key).contentType("text/plain"),
        RequestBody.fromString("not a dataset"));
    List<JsonNode> events = stack.ruleQueue(uploadRule()).receive(1, Duration.ofSeconds(10));
    assertThat(events).hasSize(1);

    JsonNode result = Handlers.invoke(handlers.trigger(Map.of(), emulator.stepFunctions()),
        UploadToRetrainingIT.asS3Sends(events.get(0)));
    assertThat(result.path("rejected").asText()).isNotBlank();

    List<JsonNode> messages = inbox.receive(1, Duration.ofSeconds(10)).stream()
        .filter(m -> m.path("Message").asText().contains(key)).toList();
    assertThat(messages).as("notifications naming %s", key).hasSize(1);
    assertThat(messages.get(0).path("TopicArn").asText()).isEqualTo(topicArn());
    assertThat(messages.get(0).path("Subject").asText()).isNotBlank();
    assertThat(messages.get(0).path("Message").asText())
        .contains("s3://" + dataBucket + "/" + key)
        .contains(result.path("rejected").asText());
  }

  private static void publish(ObjectNode metrics, String job, Instant hour) {
    String bucket = artifactsBucket();
    String key = "monitoring/integration/" + job + "/" + hour.toEpochMilli()
        + "/cloudwatch_metrics.json";
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(metrics.toString()));
    JsonNode published = Handlers.invoke(handlers.publishMetrics(),
        JSON.createObjectNode().put("metricsUri", "s3://" + bucket + "/" + key).toString());
    assertThat(published.path("published").asInt()).isEqualTo(metrics.path("metrics").size());
  }

  /** The Environment of the monitoring machine's processing job in image mode {@code mode}. */
  private static Map<String, String> monitorEnvironment(String mode) throws Exception {
    String machine = stack.synthesized().resources("AWS::StepFunctions::StateMachine").values()
        .stream().map(r -> r.path("Properties").path("StateMachineName").asText())
        .filter(n -> n.endsWith("-monitoring")).findFirst()
        .orElseThrow(() -> new AssertionError("no monitoring state machine in the template"));
    JsonNode states = JSON.readTree(stack.definition(machine)).path("States");
    JsonNode environment = null;
    for (JsonNode state : states) {
      if (state.path("Resource").asText().contains("createProcessingJob")
          && state.path("Parameters").path("AppSpecification").path("ContainerArguments")
              .equals(JSON.createArrayNode().add(mode))) {
        environment = state.path("Parameters").path("Environment");
      }
    }
    assertThat(environment).as("the monitoring machine's monitor job").isNotNull();
    return JSON.convertValue(environment, Map.class);
  }

  private static String artifactsBucket() {
    return handlers.artifactsBucket();
  }

  private static String topicArn() {
    return handlers.topicArn();
  }

  private static String uploadRule() {
    return stack.synthesized().ruleOn("aws.s3");
  }
}
