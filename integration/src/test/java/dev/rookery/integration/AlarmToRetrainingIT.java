package dev.rookery.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.retrain.RetrainConfig;
import dev.rookery.functions.retrain.RetrainOnAlarmHandler;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * Alarm to retraining (the opt-in path, on in dev): CloudWatch's "Alarm State Change" event for a
 * degradation alarm the synthesized retraining rule watches is put on the default bus, the rule
 * matches it (and neither the alarm's return to OK nor another alarm's ALARM), and the real
 * {@code RetrainOnAlarmHandler}, given what the rule delivered, starts the pipeline machine created
 * from the synthesized definition on the newest dataset under the data bucket's prefix and says so
 * on the topic; a second alarm within the cooldown, with a newer dataset, starts nothing.
 */
@ExtendWith(EmulatorExtension.class)
class AlarmToRetrainingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How CloudWatch writes {@code state.timestamp}, e.g. {@code 2019-10-02T17:04:40.985+0000}. */
  private static final java.time.format.DateTimeFormatter CLOUDWATCH_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
          .withZone(java.time.ZoneOffset.UTC);
  private static Emulator emulator;
  /** The retraining function's environment as deployed. */
  private static RetrainConfig config;
  /** The pipeline machine this class created (in an account of its own), and its client. */
  private static String pipelineArn;
  private static SfnClient sfn;

  @BeforeAll
  static void createPipelineMachine(Emulator running) {
    emulator = running;
    config = RetrainConfig.from(new Environment(new Handlers(running, stack())
        .environment(RetrainOnAlarmHandler.class)));
    sfn = running.stepFunctions();
    pipelineArn = stack().createStateMachine(DeployedStack.stateMachineName(
        config.pipeline().stateMachineArn()), sfn);
  }

  @Test
  void degradationAlarm_startsPipelineOnNewestDataset_andASecondWithinTheCooldownStartsNothing()
      throws Exception {
    List<String> watched = watchedAlarms();
    Queue inbox = Queue.subscribedTo(emulator, config.pipeline().notificationTopicArn(),
        "retraining-notifications");
    String key = config.datasetPrefix() + "retrain-on-alarm.csv";
    String version = upload(key);

    putAlarmEvent(watched.get(0), "ALARM");
    JsonNode first = Handlers.invoke(retrain(), onlyMatchedEventFor(watched.get(0)).toString());
    assertThat(first.path("started").asBoolean()).as("first alarm: %s", first).isTrue();
    String executionArn = first.path("executionArn").asText();
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(pipelineArn)).executions())
        .extracting(ExecutionListItem::executionArn).containsExactly(executionArn);
    JsonNode input = JSON.readTree(StateMachineRuns.input(sfn, executionArn));
    String uri = "s3://" + config.dataBucket() + "/" + key;
    assertThat(input.path("dataset").path("uri").asText()).isEqualTo(uri);
    assertThat(input.path("dataset").path("version").asText()).isEqualTo(version);
    assertThat(notification(inbox, "retraining started").path("Message").asText())
        .contains(watched.get(0)).contains(executionArn).contains(uri).contains(version);

    // A newer dataset and another watched alarm (the same one when the rule watches one): a new
    // execution name, so only the cooldown, read from ListExecutions, holds it back.
    upload(key);
    String second = watched.get(watched.size() - 1);
    putAlarmEvent(second, "ALARM");
    JsonNode skipped = Handlers.invoke(retrain(), onlyMatchedEventFor(second).toString());
    assertThat(skipped.path("skipped").asText()).as("second alarm: %s", skipped)
        .isEqualTo("cooldown");
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(pipelineArn)).executions())
        .extracting(ExecutionListItem::executionArn).containsExactly(executionArn);
    assertThat(notification(inbox, "retraining skipped (cooldown)").path("Message").asText())
        .contains(second).contains(executionArn.substring(executionArn.lastIndexOf(':') + 1));
  }

  @Test
  void okStateAndUnwatchedAlarm_matchNothing() {
    List<String> watched = watchedAlarms();
    String unwatched = stack().synthesized().resources("AWS::CloudWatch::Alarm").values().stream()
        .map(a -> a.path("Properties").path("AlarmName").asText())
        .filter(name -> !watched.contains(name)).findFirst()
        .orElseThrow(() -> new AssertionError("every synthesized alarm is watched: " + watched));
    putAlarmEvent(watched.get(0), "OK");
    putAlarmEvent(unwatched, "ALARM");
    assertThat(stack().ruleQueue(retrainRule()).drain(Duration.ofSeconds(2)))
        .as("events the retraining rule matched for OK and for %s", unwatched).isEmpty();
  }

  /** The retraining handler as deployed, pointed at the pipeline machine this test created. */
  private static dev.rookery.functions.common.JsonHandler<?> retrain() {
    return new Handlers(emulator, stack()).retrain(Map.of("STATE_MACHINE_ARN", pipelineArn), sfn);
  }

  /** @return the dev stack deployed into the emulator (once per run, shared by every flow) */
  private static DeployedStack stack() {
    return DeployedStack.on(emulator);
  }

  /** @return the logical id of the synthesized retraining rule (the one on CloudWatch's events) */
  private static String retrainRule() {
    return stack().synthesized().ruleOn("aws.cloudwatch");
  }

  /** @return the names of the alarms the synthesized rule's {@code resources} name, in order */
  private static List<String> watchedAlarms() {
    List<String> names = new ArrayList<>();
    for (JsonNode arn : stack().synthesized().properties(retrainRule()).path("EventPattern")
        .path("resources")) {
      String alarm = arn.path("Fn::GetAtt").path(0).asText();
      names.add(stack().synthesized().properties(alarm).path("AlarmName").asText());
    }
    assertThat(names).as("alarms the retraining rule watches").isNotEmpty();
    return names;
  }

  /**
   * Puts CloudWatch's "Alarm State Change" event for a synthesized alarm on the default bus:
   * the documented example (functions' fixture), with this alarm's name, ARN, state and metric.
   */
  private static void putAlarmEvent(String alarmName, String state) {
    JsonNode alarm = stack().synthesized().properties(stack().synthesized()
        .logicalId("AWS::CloudWatch::Alarm", "AlarmName", alarmName));
    ObjectNode example;
    try (InputStream in = AlarmToRetrainingIT.class.getResourceAsStream(
        "/events/alarm-state-change.json")) {
      example = (ObjectNode) JSON.readTree(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ObjectNode detail = (ObjectNode) example.get("detail");
    detail.put("alarmName", alarmName);
    ((ObjectNode) detail.get("state")).put("value", state)
        .put("reason", "Threshold Crossed: the integration test's event for " + alarmName
            + " (threshold " + alarm.path("Threshold").asText() + ")")
        .put("timestamp", CLOUDWATCH_TIME.format(Instant.now()));
    ObjectNode metricStat = (ObjectNode) detail.path("configuration").path("metrics").get(0)
        .get("metricStat");
    ObjectNode metric = metricStat.putObject("metric")
        .put("namespace", alarm.path("Namespace").asText())
        .put("name", alarm.path("MetricName").asText());
    ObjectNode dimensions = metric.putObject("dimensions");
    DeployedStack.dimensions(alarm.path("Dimensions"))
        .forEach(d -> dimensions.put(d.name(), d.value()));
    metricStat.put("period", alarm.path("Period").asInt()).put("stat",
        alarm.path("Statistic").asText());
    String arn = emulator.arn("cloudwatch", "alarm:" + alarmName);
    try (EventBridgeClient events = emulator.client(EventBridgeClient.builder())) {
      assertThat(events.putEvents(b -> b.entries(e -> e.source(example.path("source").asText())
          .detailType(example.path("detail-type").asText())
          .time(Instant.now())
          .resources(arn)
          .detail(detail.toString()))).failedEntryCount()).isZero();
    }
  }

  private static JsonNode onlyMatchedEventFor(String alarmName) {
    List<JsonNode> events = stack().ruleQueue(retrainRule()).receive(1, Duration.ofSeconds(10));
    assertThat(events).as("events the retraining rule matched").hasSize(1);
    assertThat(events.get(0).path("detail").path("alarmName").asText()).isEqualTo(alarmName);
    return events.get(0);
  }

  /**
   * Puts the penguins dataset at the key and takes the upload rule's event for it off that rule's
   * queue (the upload flow's test reads that queue too).
   *
   * @return the object's version
   */
  private static String upload(String key) throws java.io.IOException {
    byte[] penguins = Files.readAllBytes(SynthesizedStack.repository()
        .resolve("training-container/src/main/resources/datasets/penguins.csv"));
    String version;
    try (S3Client s3 = emulator.client(S3Client.builder())) {
      version = s3.putObject(b -> b.bucket(config.dataBucket()).key(key)
          .contentType("text/csv"), RequestBody.fromBytes(penguins)).versionId();
    }
    assertThat(stack().ruleQueue(stack().synthesized().ruleOn("aws.s3"))
        .receive(1, Duration.ofSeconds(10))).as("the upload rule's event for %s", key)
        .extracting(e -> e.path("detail").path("object").path("key").asText())
        .containsExactly(key);
    return version;
  }

  private static JsonNode notification(Queue inbox, String subject) {
    List<JsonNode> messages = inbox.receive(1, Duration.ofSeconds(10));
    assertThat(messages).as("notifications").hasSize(1);
    assertThat(messages.get(0).path("Subject").asText()).endsWith(subject);
    return messages.get(0);
  }
}
