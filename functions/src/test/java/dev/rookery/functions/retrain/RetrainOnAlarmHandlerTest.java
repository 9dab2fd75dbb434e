package dev.rookery.functions.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.SfnExecutionStarter;
import dev.rookery.functions.common.SnsNotifier;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.trigger.TriggerConfig;
import dev.rookery.settings.PipelineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The handler with real SDK clients against the recording server: the requests S3, Step Functions and SNS get. */
class RetrainOnAlarmHandlerTest {
  static final String SM = RetrainServiceTest.SM;
  static final String BUCKET = RetrainServiceTest.BUCKET;
  static final Instant NOW = Instant.parse("2026-12-03T10:06:00Z");
  static final String LISTING = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET
      + "</Name><Prefix>incoming/</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
      + contents("incoming/", "2026-11-01T00:00:00.000Z", 0)
      + contents("incoming/penguins-2026-11.csv", "2026-11-02T09:00:00.000Z", 16000)
      + contents("incoming/penguins-2026-12.csv", "2026-12-01T09:00:00.000Z", 16384)
      + contents("incoming/notes.txt", "2026-12-02T09:00:00.000Z", 12)
      + "</ListBucketResult>";

  @RegisterExtension
  final FakeAwsServer aws = new FakeAwsServer();

  static String contents(String key, String modified, long size) {
    return "<Contents><Key>" + key + "</Key><LastModified>" + modified + "</LastModified><ETag>&quot;0f343b0931126a20f133d67c2b018a3b&quot;</ETag><Size>"
        + size + "</Size><StorageClass>STANDARD</StorageClass></Contents>";
  }

  JsonNode invoke() {
    RetrainConfig config = new RetrainConfig(new TriggerConfig(SM, RetrainServiceTest.TOPIC,
        PipelineSettings.parse(Fixtures.text("pipeline.json"), "pipeline.json")), BUCKET,
        "incoming/", Duration.ofHours(24));
    JsonHandler<RetrainService> handler = JsonHandler.serving(new RetrainService(config,
        new S3DatasetFinder(aws.client(S3Client.builder().forcePathStyle(true))),
        new SfnRetrainHistory(aws.client(SfnClient.builder())),
        new SfnExecutionStarter(aws.client(SfnClient.builder())),
        new SnsNotifier(aws.client(SnsClient.builder()), RetrainServiceTest.TOPIC),
        Clock.fixed(NOW, ZoneOffset.UTC)), RetrainOnAlarmHandler::handle);
    return Fixtures.invoke(handler, Fixtures.stream("events/alarm-state-change.json"));
  }

  void scriptBucket() {
    aws.on("GET /" + BUCKET, Response.xml(200, LISTING));
    aws.on("HEAD /" + BUCKET + "/incoming/penguins-2026-12.csv", Response.bytes(200, Map.of(
        "ETag", "\"0f343b0931126a20f133d67c2b018a3b\"", "Content-Length", "16384",
        "x-amz-version-id", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"), new byte[0]));
    aws.on("Publish", Response.snsPublished());
  }

  @Test
  void handleRequest_alarmWithoutRecentRetraining_startsPipelineOnNewestCsvVersion() {
    // given
    scriptBucket();
    aws.on("ListExecutions", Response.json10(200, "{\"executions\":[{\"executionArn\":\"" + SM.replace(
        ":stateMachine:", ":execution:") + ":rk-0123\",\"stateMachineArn\":\"" + SM + "\",\"name\":\"rk-0123\","
        + "\"status\":\"SUCCEEDED\",\"startDate\":" + NOW.minus(Duration.ofHours(2)).getEpochSecond() + "}]}"));
    aws.on("StartExecution", Response.json10(200, "{\"executionArn\":\"" + SM.replace(":stateMachine:",
        ":execution:") + ":rk-rx\",\"startDate\":" + NOW.getEpochSecond() + "}"));

    // when
    JsonNode out = invoke();

    // then
    assertThat(out.get("started").asBoolean()).isTrue();
    assertThat(out.get("dataset").asText()).isEqualTo("s3://" + BUCKET + "/incoming/penguins-2026-12.csv");
    assertThat(aws.only("GET /" + BUCKET).query()).contains("list-type=2", "prefix=incoming%2F");
    JsonNode start = aws.only("StartExecution").json();
    assertThat(start.get("stateMachineArn").asText()).isEqualTo(SM);
    assertThat(start.get("name").asText()).matches("rk-r[0-9a-f]{23}");
    JsonNode input = Fixtures.tree(start.get("input").asText());
    assertThat(input.at("/dataset/copySource").asText())
        .isEqualTo(BUCKET + "/incoming/penguins-2026-12.csv?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
    assertThat(aws.only("ListExecutions").json().get("stateMachineArn").asText()).isEqualTo(SM);
    assertThat(aws.only("Publish").form()).containsEntry("Subject", "Rookery: retraining started");
  }

  @Test
  void handleRequest_retrainingWithinCooldown_startsNothingAndNotifiesTheSkip() {
    // given a retraining of another dataset version three hours ago
    scriptBucket();
    aws.on("ListExecutions", Response.json10(200, "{\"executions\":[{\"executionArn\":\"" + SM.replace(
        ":stateMachine:", ":execution:") + ":rk-r0123456789abcdef0123456\",\"stateMachineArn\":\"" + SM
        + "\",\"name\":\"rk-r0123456789abcdef0123456\",\"status\":\"RUNNING\",\"startDate\":"
        + NOW.minus(Duration.ofHours(3)).getEpochSecond() + "}]}"));

    // when
    JsonNode out = invoke();

    // then
    assertThat(out.get("skipped").asText()).isEqualTo("cooldown");
    assertThat(aws.operations()).doesNotContain("StartExecution");
    assertThat(aws.only("Publish").form().get("Message"))
        .contains("rk-r0123456789abcdef0123456", "within the cooldown of PT24H");
  }
}
