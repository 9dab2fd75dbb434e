package dev.rookery.functions.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.common.S3Location;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.testutils.InMemoryExecutionStarter;
import dev.rookery.functions.testutils.InMemoryNotifier;
import dev.rookery.functions.trigger.TriggerConfig;
import dev.rookery.functions.trigger.UploadEvent;
import dev.rookery.settings.PipelineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetrainServiceTest {
  static final String SM = "arn:aws:states:us-east-1:111122223333:stateMachine:rookery-dev-pipeline";
  static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:rookery-dev-notifications";
  static final String BUCKET = "rookery-data-111122223333";
  static final Instant NOW = Instant.parse("2026-12-03T10:06:00Z");
  static final UploadEvent DATASET = new UploadEvent(
      new S3Location(BUCKET, "incoming/penguins-2026-12.csv"), 16_384, "\"0f343b0931126a20f133d67c2b018a3b\"",
      "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");

  final InMemoryExecutionStarter executions = new InMemoryExecutionStarter();
  final InMemoryNotifier notifier = new InMemoryNotifier();
  final List<RetrainHistory.PastRetrain> history = new ArrayList<>();
  Optional<UploadEvent> newest = Optional.of(DATASET);

  RetrainService service(Instant now) {
    RetrainConfig config = new RetrainConfig(new TriggerConfig(SM, TOPIC,
        PipelineSettings.parse(Fixtures.text("pipeline.json"), "pipeline.json")), BUCKET,
        "incoming/", Duration.ofHours(24));
    return new RetrainService(config, (bucket, prefix) -> {
      assertThat(bucket + "/" + prefix).isEqualTo(BUCKET + "/incoming/");
      return newest;
    }, (arn, since) -> history.stream().filter(r -> !r.started().isBefore(since)).toList(),
        executions, notifier, Clock.fixed(now, ZoneOffset.UTC));
  }

  static AlarmStateChange alarm(String state) {
    return new AlarmStateChange("rookery-dev-model-quality-accuracy", state,
        "Threshold Crossed: accuracy 0.71 < 0.85", Instant.parse("2026-12-03T10:05:00Z"));
  }

  @Test
  void handle_alarm_startsPipelineOnNewestDatasetWithTheTriggersInputAndSaysWhy() {
    // when
    RetrainResult result = service(NOW).handle(alarm("ALARM"));

    // then
    long window = NOW.getEpochSecond() / Duration.ofHours(24).getSeconds();
    String name = Names.retrainExecution(window, BUCKET, DATASET.object().key(), DATASET.version());
    assertThat(name).hasSize(27).startsWith("rk-r");
    assertThat(result).isEqualTo(new RetrainResult.Started(SM.replace(":stateMachine:", ":execution:")
        + ":" + name, true, "s3://" + BUCKET + "/incoming/penguins-2026-12.csv"));
    InMemoryExecutionStarter.Execution started = executions.executions().get(0);
    JsonNode input = Fixtures.tree(started.input());
    assertThat(input.at("/dataset/uri").asText()).isEqualTo(DATASET.object().uri());
    assertThat(input.at("/dataset/version").asText()).isEqualTo(DATASET.versionId());
    assertThat(input.at("/dataset/copySource").asText())
        .isEqualTo(BUCKET + "/incoming/penguins-2026-12.csv?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
    assertThat(input.at("/dataset/etag").asText()).isEqualTo("\"0f343b0931126a20f133d67c2b018a3b\"");
    assertThat(input.at("/settings/target").asText()).isEqualTo("species");
    assertThat(input.at("/settings/gate/accuracy_threshold").isNumber()).isTrue();
    assertThat(notifier.sent).singleElement().satisfies(n -> {
      assertThat(n.subject()).isEqualTo("Rookery: retraining started");
      assertThat(n.message()).contains("alarm rookery-dev-model-quality-accuracy went to ALARM",
          "accuracy 0.71 < 0.85", started.name(), DATASET.object().uri(), "PT24H");
    });
  }

  @Test
  void handle_sameAlarmTwiceInOneWindow_startsOneExecutionAndNotifiesOnce() {
    // given the first alarm started a retraining, which the history now lists
    service(NOW).handle(alarm("ALARM"));
    String name = executions.executions().get(0).name();
    history.add(new RetrainHistory.PastRetrain(name, NOW));

    // when the alarm's event is delivered again a minute later
    RetrainResult again = service(NOW.plusSeconds(60)).handle(alarm("ALARM"));

    // then
    assertThat(again).isInstanceOf(RetrainResult.Started.class)
        .extracting(r -> ((RetrainResult.Started) r).started()).isEqualTo(false);
    assertThat(executions.executions()).hasSize(1);
    assertThat(notifier.sent).hasSize(1);
  }

  /** The cooldown of PT24H against the last retraining's start, and what each case does. */
  @ParameterizedTest(name = "last retraining {0} h before now, other dataset: {1} -> {2}")
  @CsvSource({
      // hours ago | the last one trained another version | outcome
      "       ,    , started",     // never retrained
      "   0.5, true, cooldown",    // just retrained on another version
      "  23.9, true, cooldown",    // still within the period
      "  24.0, true, cooldown",    // exactly the period: since is inclusive
      "  24.1, true, started",     // the period is over
      "  72  , true, started",
  })
  void handle_cooldownTable(Double hoursAgo, Boolean otherVersion, String outcome) {
    // given
    if (hoursAgo != null) {
      history.add(new RetrainHistory.PastRetrain(Names.retrainExecution(1, BUCKET, "incoming/old.csv",
          "v-old"), NOW.minusSeconds(Math.round(hoursAgo * 3600))));
    }

    // when
    RetrainResult result = service(NOW).handle(alarm("ALARM"));

    // then
    if (outcome.equals("started")) {
      assertThat(result).isInstanceOf(RetrainResult.Started.class);
      assertThat(executions.executions()).hasSize(1);
      assertThat(notifier.sent).singleElement()
          .extracting(InMemoryNotifier.Notification::subject).isEqualTo("Rookery: retraining started");
    } else {
      assertThat(result).isEqualTo(new RetrainResult.Skipped("cooldown"));
      assertThat(executions.calls).isEmpty();
      assertThat(notifier.sent).singleElement().satisfies(n -> {
        assertThat(n.subject()).isEqualTo("Rookery: retraining skipped (cooldown)");
        assertThat(n.message()).contains("went to ALARM", "within the cooldown of PT24H",
            "the next one may start after "
                + NOW.minusSeconds(Math.round(hoursAgo * 3600)).plus(Duration.ofHours(24)));
      });
    }
  }

  @Test
  void handle_noDataset_skipsAndSaysWhereItLooked() {
    // given
    newest = Optional.empty();

    // when
    RetrainResult result = service(NOW).handle(alarm("ALARM"));

    // then
    assertThat(result).isEqualTo(new RetrainResult.Skipped("no dataset"));
    assertThat(executions.calls).isEmpty();
    assertThat(notifier.sent).singleElement().extracting(InMemoryNotifier.Notification::message)
        .asString().contains("no .csv under s3://" + BUCKET + "/incoming/");
  }

  @Test
  void handle_alarmBackToOk_ignoredSilently() {
    // when
    RetrainResult result = service(NOW).handle(alarm("OK"));

    // then
    assertThat(result).isInstanceOf(RetrainResult.Ignored.class);
    assertThat(executions.calls).isEmpty();
    assertThat(notifier.sent).isEmpty();
  }

  @Test
  void retrainExecution_windowAndVersion_decideTheName() {
    String name = Names.retrainExecution(7, BUCKET, "incoming/a.csv", "v1");
    assertThat(Names.retrainExecution(7, BUCKET, "incoming/a.csv", "v1")).isEqualTo(name);
    assertThat(Names.retrainExecution(8, BUCKET, "incoming/a.csv", "v1")).isNotEqualTo(name);
    assertThat(Names.retrainExecution(7, BUCKET, "incoming/a.csv", "v2")).isNotEqualTo(name);
    assertThat(name).matches("rk-r[0-9a-f]{23}");
    assertThat(Names.pipelineExecution(BUCKET, "incoming/a.csv", "v1")).doesNotStartWith("rk-r");
  }
}
