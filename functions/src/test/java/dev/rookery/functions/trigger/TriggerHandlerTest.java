package dev.rookery.functions.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.common.S3ObjectReader;
import dev.rookery.functions.common.SfnExecutionStarter;
import dev.rookery.functions.common.SnsNotifier;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import dev.rookery.settings.PipelineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The trigger end to end through real SDK clients against a recording local endpoint. */
class TriggerHandlerTest {
  static final String BUCKET = "rookery-data-111122223333";
  static final String VERSION = "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e";
  static final String SM = "arn:aws:states:us-east-1:111122223333:stateMachine:rookery-pipeline";
  static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:rookery";
  static final String PENGUINS = "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,"
      + "body_mass_g,sex,year\nAdelie,Torgersen,39.1,18.7,181,3750,male,2007\n";

  @RegisterExtension
  final FakeAwsServer aws = new FakeAwsServer();
  final JsonHandler<TriggerService> handler = JsonHandler.serving(new TriggerService(
      new TriggerConfig(SM, TOPIC, PipelineSettings.parse(Fixtures.text("pipeline.json"), "pipeline.json")),
      new S3ObjectReader(aws.client(S3Client.builder().forcePathStyle(true))),
      new SfnExecutionStarter(aws.client(SfnClient.builder())),
      new SnsNotifier(aws.client(SnsClient.builder()), TOPIC)), TriggerHandler::handle);

  JsonNode invoke(String fixture) {
    return Fixtures.invoke(handler, Fixtures.stream(fixture));
  }

  static Response object(String content, String contentType) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return Response.bytes(206, Map.of("Content-Type", contentType,
        "Content-Range", "bytes 0-" + (bytes.length - 1) + "/" + bytes.length,
        "ETag", "\"b1946ac92492d2347c6235b4d2611184\""), bytes);
  }

  @Test
  void handleRequest_objectCreatedEvent_rangeReadsObjectAndStartsExecution() {
    // given
    String executionName = Names.pipelineExecution(BUCKET, "incoming/penguins.csv", VERSION);
    String executionArn = "arn:aws:states:us-east-1:111122223333:execution:rookery-pipeline:" + executionName;
    aws.on("GET /" + BUCKET + "/incoming/penguins.csv", object(PENGUINS, "text/csv"));
    aws.on("StartExecution", Response.json10(200,
        "{\"executionArn\":\"" + executionArn + "\",\"startDate\":1.7E9}"));

    // when
    JsonNode out = invoke("events/s3-object-created.json");

    // then
    FakeAwsServer.Recorded get = aws.only("GET /" + BUCKET + "/incoming/penguins.csv");
    assertThat(get.header("Range")).isEqualTo("bytes=0-65535");
    assertThat(get.query()).isEqualTo("versionId=" + VERSION);
    FakeAwsServer.Recorded start = aws.only("StartExecution");
    assertThat(start.header("X-Amz-Target")).isEqualTo("AWSStepFunctions.StartExecution");
    JsonNode body = start.json();
    assertThat(body.get("stateMachineArn").asText()).isEqualTo(SM);
    assertThat(body.get("name").asText()).isEqualTo(executionName).startsWith("rk-").hasSize(27);
    JsonNode input = Fixtures.tree(body.get("input").asText());
    assertThat(input.at("/dataset/uri").asText()).isEqualTo("s3://" + BUCKET + "/incoming/penguins.csv");
    assertThat(input.at("/dataset/version").asText()).isEqualTo(VERSION);
    assertThat(input.at("/settings/target").asText()).isEqualTo("species");
    assertThat(input.at("/settings/tuning/max_jobs").asInt())
        .isEqualTo(Fixtures.tree(Fixtures.text("pipeline.json")).at("/tuning/max_jobs").asInt());
    assertThat(out.get("executionArn").asText()).isEqualTo(executionArn);
    assertThat(out.get("started").asBoolean()).isTrue();
    assertThat(aws.operations()).doesNotContain("Publish");
  }

  @Test
  void handleRequest_consoleFolderMarker_ignoredWithoutAnyCall() {
    // given: the S3 console's "Create folder" under incoming/
    String event = Fixtures.text("events/s3-object-created.json")
        .replace("\"key\": \"incoming/penguins.csv\"", "\"key\": \"incoming/2026-11/\"")
        .replace("\"size\": 13478", "\"size\": 0")
        .replace("\"etag\": \"b1946ac92492d2347c6235b4d2611184\"", "\"etag\": \"d41d8cd98f00b204e9800998ecf8427e\"");

    // when
    JsonNode out = Fixtures.invoke(handler, Fixtures.json(event));

    // then
    assertThat(out.toString()).isEqualTo("{\"ignored\":\"a folder marker (zero bytes, key ending in '/')\","
        + "\"object\":\"s3://" + BUCKET + "/incoming/2026-11/\"}");
    assertThat(aws.operations()).isEmpty();
  }

  @Test
  void handleRequest_executionAlreadyExists_reportsDuplicateAsSuccess() {
    // given
    aws.on("GET /" + BUCKET + "/incoming/penguins.csv", object(PENGUINS, "text/csv"));
    aws.on("StartExecution", Response.json10(400,
        "{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists\"}"));

    // when
    JsonNode out = invoke("events/s3-object-created.json");

    // then
    assertThat(out.get("started").asBoolean()).isFalse();
    assertThat(out.get("executionArn").asText()).isEqualTo(
        "arn:aws:states:us-east-1:111122223333:execution:rookery-pipeline:"
            + Names.pipelineExecution(BUCKET, "incoming/penguins.csv", VERSION));
  }

  @Test
  void handleRequest_notCsv_publishesRejectionAndStartsNothing() {
    // given
    aws.on("GET /" + BUCKET + "/incoming/notes.txt", object("just some notes\n", "text/plain"));
    aws.on("Publish", Response.snsPublished());

    // when
    JsonNode out = invoke("events/s3-object-created-unversioned-not-csv.json");

    // then
    assertThat(out.get("rejected").asText()).contains("not a CSV");
    assertThat(out.get("object").asText()).isEqualTo("s3://" + BUCKET + "/incoming/notes.txt");
    Map<String, String> publish = aws.only("Publish").form();
    assertThat(publish).containsEntry("TopicArn", TOPIC)
        .containsEntry("Subject", "Rookery: dataset upload rejected");
    assertThat(publish.get("Message")).contains("s3://" + BUCKET + "/incoming/notes.txt")
        .contains("not a CSV");
    assertThat(aws.operations()).doesNotContain("StartExecution");
  }

  @Test
  void handleRequest_objectDeletedEvent_throwsInvalidEventNamingDetailType() {
    // when / then
    assertThatThrownBy(() -> invoke("events/s3-object-deleted.json"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("detail-type").hasMessageContaining("Object Deleted");
    assertThat(aws.requests()).isEmpty();
  }

  @Test
  void handleRequest_missingKey_throwsInvalidEventNamingField() {
    // given
    String event = Fixtures.text("events/s3-object-created.json")
        .replace("\"key\": \"incoming/penguins.csv\",", "");

    // when / then
    assertThatThrownBy(() -> Fixtures.invoke(handler, Fixtures.json(event)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("invalid event: field 'detail.object.key' is missing");
  }
}
