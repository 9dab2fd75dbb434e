package dev.rookery.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * Upload to retraining: a dataset put into the deployed data bucket makes the emulator's S3 emit
 * "Object Created" to EventBridge, the synthesized {@code DatasetUploaded} rule matches it (moto's
 * own pattern matching: it has no TestEventPattern), and the trigger handler, given what the rule
 * delivered, starts the pipeline state machine the emulator's CloudFormation created from the
 * synthesized definition, once per object version.
 */
@ExtendWith(EmulatorExtension.class)
class UploadToRetrainingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DeployedStack stack;
  private static Handlers handlers;
  private static S3Client s3;
  private static SfnClient sfn;
  private static String dataBucket;
  private static String uploadRule;
  private static String pipelineArn;

  @BeforeAll
  static void deploy(Emulator emulator) {
    stack = DeployedStack.on(emulator);
    handlers = new Handlers(emulator, stack);
    s3 = emulator.client(S3Client.builder());
    sfn = emulator.stepFunctions();
    SynthesizedStack synthesized = stack.synthesized();
    uploadRule = synthesized.ruleOn("aws.s3");
    String bucketId = synthesized.properties(uploadRule).path("EventPattern").path("detail")
        .path("bucket").path("name").path(0).path("Ref").asText();
    dataBucket = stack.physicalId(bucketId);
    pipelineArn = stack.createStateMachine(DeployedStack.stateMachineName(handlers.environment(
        dev.rookery.functions.trigger.TriggerHandler.class).get("STATE_MACHINE_ARN")), sfn);
  }

  @Test
  void datasetUploadedUnderIncoming_matchesRuleAndStartsPipelineOnce() throws Exception {
    byte[] penguins = Files.readAllBytes(SynthesizedStack.repository()
        .resolve("training-container/src/main/resources/datasets/penguins.csv"));
    String key = prefix() + "penguins-upload-test.csv";
    PutObjectResponse put = s3.putObject(b -> b.bucket(dataBucket).key(key)
        .contentType("text/csv"), RequestBody.fromBytes(penguins));

    JsonNode event = onlyEventFor(key);
    assertThat(event.path("detail").path("object").path("version-id").asText())
        .isEqualTo(put.versionId());

    JsonNode first = Handlers.invoke(trigger(), asS3Sends(event));
    assertThat(first.path("started").asBoolean()).as("first delivery: %s", first).isTrue();
    String executionArn = first.path("executionArn").asText();
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(pipelineArn)).executions())
        .extracting(ExecutionListItem::executionArn).contains(executionArn);
    JsonNode input = JSON.readTree(StateMachineRuns.input(sfn, executionArn));
    assertThat(input.path("dataset").path("uri").asText())
        .isEqualTo("s3://" + dataBucket + "/" + key);
    assertThat(input.path("dataset").path("version").asText()).isEqualTo(put.versionId());

    // EventBridge delivers at least once: the same event again starts nothing new (Step Functions
    // returns the running execution for the same name and input, or ExecutionAlreadyExists).
    JsonNode second = Handlers.invoke(trigger(), asS3Sends(event));
    assertThat(second.path("executionArn").asText()).as("repeated delivery: %s", second)
        .isEqualTo(executionArn);
    assertThat(executionsOf(put.versionId())).as("executions for version %s", put.versionId())
        .hasSize(1);
  }

  /** The trigger handler as deployed, pointed at the pipeline machine this test created. */
  private static dev.rookery.functions.common.JsonHandler<?> trigger() {
    return handlers.trigger(Map.of("STATE_MACHINE_ARN", pipelineArn), sfn);
  }

  @Test
  void uploadOutsideIncoming_matchesNoRule() {
    s3.putObject(b -> b.bucket(dataBucket).key("elsewhere/penguins.csv"),
        RequestBody.fromString("species,island\nAdelie,Biscoe\n"));
    assertThat(stack.ruleQueue(uploadRule).drain(Duration.ofSeconds(2)))
        .as("events the upload rule matched for a key outside its prefix").isEmpty();
  }

  /** The upload rule's key prefix, read from the synthesized pattern. */
  private static String prefix() {
    return stack.synthesized().properties(uploadRule).path("EventPattern").path("detail")
        .path("object").path("key").path(0).path("prefix").asText();
  }

  private static JsonNode onlyEventFor(String key) {
    List<JsonNode> events = stack.ruleQueue(uploadRule).receive(1, Duration.ofSeconds(10));
    assertThat(events).as("events the upload rule matched").hasSize(1);
    assertThat(events.get(0).path("detail").path("object").path("key").asText()).isEqualTo(key);
    return events.get(0);
  }

  /**
   * moto 5.2.1 spells the object's ETag {@code eTag}; S3 sends {@code etag} (S3 user guide,
   * "Using EventBridge", event message structure), which is what the handler reads.
   */
  static String asS3Sends(JsonNode motoEvent) {
    ObjectNode event = motoEvent.deepCopy();
    ObjectNode object = (ObjectNode) event.path("detail").path("object");
    if (object.has("eTag") && !object.has("etag")) {
      object.set("etag", object.remove("eTag"));
    }
    return event.toString();
  }

  private static List<ExecutionListItem> executionsOf(String versionId) {
    return sfn.listExecutions(b -> b.stateMachineArn(pipelineArn)).executions().stream()
        .filter(e -> {
          try {
            return JSON.readTree(StateMachineRuns.input(sfn, e.executionArn())).path("dataset").path("version").asText().equals(versionId);
          } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
          }
        }).toList();
  }
}
