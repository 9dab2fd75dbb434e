package dev.rookery.functions.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.S3Location;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.testutils.InMemoryExecutionStarter;
import dev.rookery.functions.testutils.InMemoryNotifier;
import dev.rookery.functions.testutils.InMemoryObjectReader;
import dev.rookery.settings.PipelineSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Delivery faults of the upload trigger: EventBridge delivers at least once (a duplicate, a retry
 * after a timeout) and uploads come in bursts; keys are whatever a user typed. The promise: one
 * pipeline execution per object version, none lost, and an execution name Step Functions accepts
 * whatever the key.
 */
class TriggerDeliveryTest {
  /** Step Functions' execution name rule: 1 to 80 characters, none of whitespace, brackets, wildcards, specials, controls. */
  static final Pattern VALID_EXECUTION_NAME = Pattern.compile("^[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}$");

  final InMemoryObjectReader objects = new InMemoryObjectReader();
  final InMemoryExecutionStarter executions = new InMemoryExecutionStarter();
  final InMemoryNotifier notifier = new InMemoryNotifier();
  final TriggerService service = new TriggerService(
      new TriggerConfig(TriggerServiceTest.SM, TriggerServiceTest.TOPIC,
          PipelineSettings.parse(TriggerServiceTest.SETTINGS, "test")),
      objects, executions, notifier);

  void store(String key) {
    objects.put("s3://data/" + key, TriggerServiceTest.PENGUINS.getBytes(StandardCharsets.UTF_8), "text/csv");
  }

  static UploadEvent upload(String key, String versionId, String etag) {
    return new UploadEvent(new S3Location("data", key), TriggerServiceTest.PENGUINS.length(), etag, versionId);
  }

  @Test
  void handle_sameVersionDeliveredTwice_oneExecution() {
    // given
    store("incoming/penguins.csv");
    UploadEvent event = upload("incoming/penguins.csv", "v1", "etag1");

    // when: EventBridge delivers the same event twice (at-least-once delivery)
    TriggerResult first = service.handle(event);
    TriggerResult second = service.handle(event);

    // then: one execution; the duplicate reports the same execution as already started
    assertThat(executions.executions()).hasSize(1);
    assertThat(executions.calls).hasSize(2);
    assertThat(((TriggerResult.Started) first).started()).isTrue();
    assertThat(second).isEqualTo(new TriggerResult.Started(((TriggerResult.Started) first).executionArn(), false));
  }

  @Test
  void handle_twoUploadsOfOneKeyWithinASecond_twoExecutionsEachPinningItsVersion() {
    // given: the same key uploaded twice in one second of a versioned bucket (same content, so the
    // same ETag: only the version id tells them apart)
    store("incoming/penguins.csv");

    // when
    service.handle(upload("incoming/penguins.csv", "v1", "etag1"));
    service.handle(upload("incoming/penguins.csv", "v2", "etag1"));

    // then: one execution per version, each copying exactly its own version
    assertThat(executions.executions()).hasSize(2);
    assertThat(executions.executions()).extracting(e -> Fixtures.tree(e.input()).at("/dataset/copySource").asText())
        .containsExactly("data/incoming/penguins.csv?versionId=v1", "data/incoming/penguins.csv?versionId=v2");
  }

  @Test
  void handle_burstOfVersionsEachDeliveredOneToThreeTimesInAnyOrder_exactlyOneExecutionPerVersion() {
    // given: 50 versions of 5 keys, each event delivered 1 to 3 times, shuffled
    List<UploadEvent> deliveries = new ArrayList<>();
    Random random = new Random(42);
    for (int v = 0; v < 50; v++) {
      String key = "incoming/part-" + (v % 5) + ".csv";
      store(key);
      UploadEvent event = upload(key, "version-" + v, "etag-" + v);
      for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
        deliveries.add(event);
      }
    }
    Collections.shuffle(deliveries, random);

    // when
    for (UploadEvent event : deliveries) {
      service.handle(event);
    }

    // then: 50 executions, none lost, none doubled
    assertThat(executions.executions()).hasSize(50);
    assertThat(executions.executions()).extracting(e -> Fixtures.tree(e.input()).at("/dataset/version").asText())
        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(v -> "version-" + v).toList());
    assertThat(notifier.sent).isEmpty();
  }

  /** Hostile keys: path traversal, S3's longest key (1,024 bytes), unicode, every character Step Functions refuses in a name. */
  @ParameterizedTest
  @ValueSource(strings = {
      "../../etc/passwd.csv",
      "incoming/../../../outside.csv",
      "incoming/p\u00e9ngouins \u4f01\u9e45 \ud83d\udc27.csv",
      "incoming/name with spaces <>{}[]?*\"#%\\^|~`$&,;:.csv",
      "incoming/tab\tnewline\ncontrol\u0001.csv",
      "=cmd|' /C calc'!A0.csv"})
  void handle_hostileKey_validExecutionNameAndTheKeyKeptExactly(String key) {
    assertHostileKeyHandled(key);
  }

  @Test
  void handle_1024ByteKey_validExecutionNameAndTheKeyKeptExactly() {
    // S3's limit: 1,024 bytes of UTF-8 ("é" is 2 bytes)
    String key = "incoming/" + "\u00e9".repeat((1024 - "incoming/".length() - ".csv".length()) / 2) + "x.csv";
    assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
    assertHostileKeyHandled(key);
  }

  private void assertHostileKeyHandled(String key) {
    // given
    store(key);

    // when
    TriggerResult result = service.handle(upload(key, "v1", "etag1"));

    // then: started under a name Step Functions accepts; the input holds the key unchanged and a
    // URL-encoded copy source that decodes back to it
    assertThat(result).isInstanceOf(TriggerResult.Started.class);
    InMemoryExecutionStarter.Execution e = executions.executions().get(0);
    assertThat(e.name()).matches(VALID_EXECUTION_NAME).matches("rk-[0-9a-f]{24}");
    JsonNode input = Fixtures.tree(e.input());
    assertThat(input.at("/dataset/key").asText()).isEqualTo(key);
    String copySource = input.at("/dataset/copySource").asText();
    assertThat(copySource).startsWith("data/").endsWith("?versionId=v1").doesNotContain(" ", "\n", "\t");
    String encodedKey = copySource.substring("data/".length(), copySource.length() - "?versionId=v1".length());
    assertThat(java.net.URLDecoder.decode(encodedKey.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(key);
  }
}
