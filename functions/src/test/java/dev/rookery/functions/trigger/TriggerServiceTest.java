package dev.rookery.functions.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.common.S3Location;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.testutils.Golden;
import dev.rookery.functions.testutils.InMemoryExecutionStarter;
import dev.rookery.functions.testutils.InMemoryNotifier;
import dev.rookery.functions.testutils.InMemoryObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import dev.rookery.settings.PipelineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TriggerServiceTest {
  static final String SM = "arn:aws:states:us-east-1:111122223333:stateMachine:rookery-pipeline";
  static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:rookery";
  static final String SETTINGS = "{\"format_version\":1,\"target\":\"species\",\"seed\":42,"
      + "\"required_columns\":[\"island\",\"bill_length_mm\"]}";
  static final String PENGUINS = "species,island,bill_length_mm,bill_depth_mm,sex\n"
      + "Adelie,Torgersen,39.1,18.7,male\nGentoo,Biscoe,46.1,13.2,female\n";

  final InMemoryObjectReader objects = new InMemoryObjectReader();
  final InMemoryExecutionStarter executions = new InMemoryExecutionStarter();
  final InMemoryNotifier notifier = new InMemoryNotifier();
  final TriggerService service = new TriggerService(
      new TriggerConfig(SM, TOPIC, PipelineSettings.parse(SETTINGS, "test")),
      objects, executions, notifier);
  /** The same, with config/pipeline.json as the stack deploys it. */
  final TriggerService project = new TriggerService(new TriggerConfig(SM, TOPIC,
      PipelineSettings.parse(Fixtures.text("pipeline.json"), "pipeline.json")), objects, executions, notifier);

  static UploadEvent upload(String key, long size, String versionId) {
    return new UploadEvent(new S3Location("data", key), size, "etag1", versionId);
  }

  void store(String key, String content, String contentType) {
    objects.put("s3://data/" + key, content.getBytes(StandardCharsets.UTF_8), contentType);
  }

  /** Stores the object in the data bucket as version v1, then hands its upload event to the trigger. */
  TriggerResult handleStored(TriggerService trigger, String key, String content, String contentType) {
    store(key, content, contentType);
    return trigger.handle(upload(key, content.length(), "v1"));
  }

  @Test
  void handle_validCsv_startsPipelineWithDeterministicNameAndInput() {
    // given
    store("incoming/penguins.csv", PENGUINS, "binary/octet-stream");

    // when
    TriggerResult result = service.handle(upload("incoming/penguins.csv", PENGUINS.length(), "v1"));

    // then
    String name = "rk-" + dev.rookery.functions.common.Names.sha256Hex("data/incoming/penguins.csv/v1")
        .substring(0, 24);
    assertThat(result).isEqualTo(new TriggerResult.Started(
        "arn:aws:states:us-east-1:111122223333:execution:rookery-pipeline:" + name, true));
    assertThat(executions.executions()).singleElement().satisfies(e -> {
      assertThat(e.stateMachineArn()).isEqualTo(SM);
      assertThat(e.name()).isEqualTo(name).hasSize(27);
      JsonNode input = Fixtures.tree(e.input());
      assertThat(input.at("/dataset/uri").asText()).isEqualTo("s3://data/incoming/penguins.csv");
      assertThat(input.at("/dataset/bucket").asText()).isEqualTo("data");
      assertThat(input.at("/dataset/key").asText()).isEqualTo("incoming/penguins.csv");
      assertThat(input.at("/dataset/version").asText()).isEqualTo("v1");
      assertThat(input.at("/dataset/copySource").asText()).isEqualTo("data/incoming/penguins.csv?versionId=v1");
      assertThat(input.at("/dataset/etag").asText()).isEqualTo("\"etag1\"");
      assertThat(input.get("settings")).isEqualTo(Fixtures.tree(PipelineSettings.parse(SETTINGS, "test").toJson()));
    });
    assertThat(objects.reads).containsExactly("s3://data/incoming/penguins.csv#65536");
    assertThat(notifier.sent).isEmpty();
  }

  @Test
  void handle_statemachineHarnessUpload_inputIsTheGoldenFileTheNodeTestsRun() throws IOException {
    // given: the upload the state machine scenarios start from (statemachine/test/harness.mjs),
    // with the repository's config/pipeline.json as the settings
    String settings = Files.readString(Path.of("..", "config", "pipeline.json"));
    InMemoryExecutionStarter started = new InMemoryExecutionStarter();
    TriggerService trigger = new TriggerService(
        new TriggerConfig(SM, TOPIC, PipelineSettings.parse(settings, "config/pipeline.json")),
        objects, started, notifier);
    String csv = "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n"
        + "Adelie,Torgersen,39.1,18.7,181,3750,male,2007\n";
    objects.put("s3://rookery-data-test/incoming/penguins.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv");

    // when
    trigger.handle(new UploadEvent(new S3Location("rookery-data-test", "incoming/penguins.csv"),
        csv.length(), "b1946ac92492d2347c6235b4d2611184", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"));

    // then: the exact StartExecution input, byte for byte
    assertThat(started.executions()).hasSize(1);
    Golden.check(Golden.FIXTURES.resolve("pipeline-input.json"), started.executions().get(0).input());
  }

  @Test
  void handle_settingsWithoutSeed_passesTheSettingsModelsDefaultSeedToThePipeline() {
    // given: PIPELINE_SETTINGS that leave seed and tuning to the model's defaults, read as the handler reads them
    TriggerConfig config = TriggerConfig.from(new dev.rookery.functions.common.Environment(java.util.Map.of(
        "STATE_MACHINE_ARN", SM, "NOTIFICATION_TOPIC_ARN", TOPIC,
        "PIPELINE_SETTINGS", "{\"format_version\": 1, \"target\": \"species\"}")));
    InMemoryExecutionStarter started = new InMemoryExecutionStarter();
    store("incoming/penguins.csv", PENGUINS, "text/csv");

    // when
    new TriggerService(config, objects, started, notifier).handle(upload("incoming/penguins.csv", PENGUINS.length(), "v1"));

    // then: the state machine gets every field, with the model's defaults
    JsonNode settings = Fixtures.tree(started.executions().get(0).input()).get("settings");
    assertThat(settings.get("seed").asLong()).isEqualTo(PipelineSettings.DEFAULT_SEED);
    assertThat(settings.at("/tuning/max_parallel_jobs").asInt()).isEqualTo(PipelineSettings.DEFAULT_MAX_PARALLEL_JOBS);
    assertThat(settings.at("/gate/accuracy_threshold").asDouble()).isEqualTo(PipelineSettings.DEFAULT_ACCURACY_THRESHOLD);
  }

  @Test
  void handle_duplicateEvent_startsOnceAndReportsNotStarted() {
    // given
    store("incoming/penguins.csv", PENGUINS, null);
    UploadEvent event = upload("incoming/penguins.csv", PENGUINS.length(), "v1");
    service.handle(event);

    // when
    TriggerResult second = service.handle(event);

    // then
    assertThat(((TriggerResult.Started) second).started()).isFalse();
    assertThat(executions.executions()).hasSize(1);
  }

  @Test
  void handle_unversionedBucket_namesExecutionFromEtag() {
    // given
    store("incoming/penguins.csv", PENGUINS, null);

    // when
    service.handle(upload("incoming/penguins.csv", PENGUINS.length(), null));

    // then
    assertThat(executions.executions().get(0).name()).isEqualTo("rk-"
        + dev.rookery.functions.common.Names.sha256Hex("data/incoming/penguins.csv/etag1").substring(0, 24));
  }

  /** Uploads the trigger must take as CSV although they are not the plain case. */
  static Stream<Arguments> acceptedUploads() {
    return Stream.of(
        Arguments.of("text/csv Content-Type, key without .csv", "incoming/penguins.data", PENGUINS,
            "text/csv; charset=utf-8"),
        Arguments.of("byte order mark and CRLF header", "incoming/penguins.csv",
            "\uFEFF\"species\",island,bill_length_mm\r\nAdelie,Dream,40.2\r\n", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedUploads")
  void handle_acceptableUpload_started(String why, String key, String content, String contentType) {
    // when
    TriggerResult result = handleStored(service, key, content, contentType);

    // then
    assertThat(result).isInstanceOf(TriggerResult.Started.class);
  }

  @Test
  void handle_notCsv_rejectsNotifiesAndStartsNothing() {
    // given
    store("incoming/notes.txt", PENGUINS, "text/plain");

    // when
    TriggerResult result = service.handle(upload("incoming/notes.txt", PENGUINS.length(), "v1"));

    // then
    assertThat(result).isInstanceOf(TriggerResult.Rejected.class);
    TriggerResult.Rejected rejected = (TriggerResult.Rejected) result;
    assertThat(rejected.objectUri()).isEqualTo("s3://data/incoming/notes.txt");
    assertThat(rejected.reason()).contains("not a CSV").contains("text/plain");
    assertThat(executions.calls).isEmpty();
    assertThat(notifier.sent).singleElement().satisfies(n -> {
      assertThat(n.subject()).isEqualTo("Rookery: dataset upload rejected");
      assertThat(n.message()).contains("s3://data/incoming/notes.txt").contains("not a CSV");
    });
  }

  @Test
  void handle_emptyObject_rejectedWithoutReading() {
    // when
    TriggerResult result = service.handle(upload("incoming/empty.csv", 0, "v1"));

    // then
    assertThat(((TriggerResult.Rejected) result).reason()).contains("empty");
    assertThat(objects.reads).isEmpty();
    assertThat(executions.calls).isEmpty();
    assertThat(notifier.sent).hasSize(1);
  }

  @Test
  void handle_consoleFolderMarker_ignoredWithoutRejectionEmail() {
    // when: "Create folder" in the S3 console under incoming/
    TriggerResult result = service.handle(upload("incoming/2026-11/", 0, "v1"));

    // then
    assertThat(result).isEqualTo(new TriggerResult.Ignored("s3://data/incoming/2026-11/",
        "a folder marker (zero bytes, key ending in '/')"));
    assertThat(objects.reads).isEmpty();
    assertThat(executions.calls).isEmpty();
    assertThat(notifier.sent).isEmpty();
  }

  @Test
  void handle_nonEmptyObjectWithKeyEndingInSlash_stillChecked() {
    // given
    store("incoming/odd/", "hello world\n", null);

    // when
    TriggerResult result = service.handle(upload("incoming/odd/", 12, "v1"));

    // then: not a console folder (it has bytes): rejected like any other non-CSV, with an e-mail
    assertThat(result).isInstanceOf(TriggerResult.Rejected.class);
    assertThat(notifier.sent).hasSize(1);
  }

  /** CSV uploads whose header the trigger rejects, and how its reason ends. */
  static Stream<Arguments> rejectedHeaders() {
    return Stream.of(
        Arguments.of("target and a required column missing", "incoming/wrong.csv",
            "island,flipper_length_mm\nDream,181\n", "lacks the column(s) [species (target), bill_length_mm]"),
        Arguments.of("header only", "incoming/header.csv", "species,island,bill_length_mm\n", "no data rows"),
        Arguments.of("header longer than the sample", "incoming/wide.csv",
            "species,island,bill_length_mm," + "x".repeat(70_000) + "\n1,2,3,4\n",
            "no header line ends within the first 65536 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedHeaders")
  void handle_badHeader_rejectedNotifiedAndNothingStarted(String why, String key, String content, String reasonEnd) {
    // when
    TriggerResult result = handleStored(service, key, content, null);

    // then
    assertThat(((TriggerResult.Rejected) result).reason()).endsWith(reasonEnd);
    assertThat(executions.calls).isEmpty();
    assertThat(notifier.sent).hasSize(1);
  }

  @Test
  void handle_projectSettingsAndFeatureColumnMissing_rejectedNamingTheColumn() {
    // given: a penguins CSV without flipper_length_mm
    String csv = "species,island,bill_length_mm,bill_depth_mm,body_mass_g,sex,year\n"
        + "Adelie,Torgersen,39.1,18.7,3750,male,2007\n";

    // when
    TriggerResult result = handleStored(project, "incoming/penguins.csv", csv, "text/csv");

    // then
    assertThat(((TriggerResult.Rejected) result).reason()).endsWith("lacks the column(s) [flipper_length_mm]");
    assertThat(executions.executions()).isEmpty();
    assertThat(notifier.sent).singleElement().satisfies(n ->
        assertThat(n.message()).contains("s3://data/incoming/penguins.csv", "flipper_length_mm"));
  }

  @Test
  void handle_projectSettingsAndFullPenguinsHeader_started() {
    // given: the embedded penguins dataset's header
    String csv = "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n"
        + "Adelie,Torgersen,39.1,18.7,181,3750,male,2007\n";

    // when
    TriggerResult result = handleStored(project, "incoming/penguins.csv", csv, "text/csv");

    // then
    assertThat(result).isInstanceOf(TriggerResult.Started.class);
  }

  @Test
  void handle_uploadOverFiveGib_copiedInPartsToTheRunInputAndStartedPinned() {
    // given: the header of a 6 GiB upload
    store("incoming/big.csv", PENGUINS, null);
    List<String> pinned = new ArrayList<>();
    TriggerService large = new TriggerService(
        new TriggerConfig(SM, TOPIC, PipelineSettings.parse(SETTINGS, "test")), objects, executions, notifier,
        new TriggerService.LargeUploads("rookery-artifacts", (source, versionId, etag, size, target) ->
            pinned.add(source.uri() + "#" + versionId + " " + etag + " " + size + " -> " + target.uri())));
    long size = 6L * 1024 * 1024 * 1024;

    // when
    TriggerResult result = large.handle(upload("incoming/big.csv", size, "v1"));

    // then
    String name = Names.pipelineExecution("data", "incoming/big.csv", "v1");
    assertThat(result).isInstanceOf(TriggerResult.Started.class);
    assertThat(pinned).containsExactly("s3://data/incoming/big.csv#v1 \"etag1\" " + size
        + " -> s3://rookery-artifacts/runs/" + name + "/input/dataset.csv");
    JsonNode dataset = Fixtures.tree(executions.executions().get(0).input()).get("dataset");
    assertThat(dataset.get("pinned").asBoolean()).isTrue();
  }

  @Test
  void handle_uploadOverFiveGibWithoutArtifactsBucket_rejectedNamingTheLimit() {
    // given
    store("incoming/big.csv", PENGUINS, null);

    // when
    TriggerResult result = service.handle(upload("incoming/big.csv", 6L * 1024 * 1024 * 1024, "v1"));

    // then
    assertThat(((TriggerResult.Rejected) result).reason()).contains("over S3 CopyObject's 5 GiB")
        .contains("ARTIFACTS_BUCKET");
    assertThat(executions.calls).isEmpty();
  }

  @Test
  void handle_uploadOfExactlyFiveGib_leftToThePipelinesCopyWithoutPinned() {
    // given
    store("incoming/big.csv", PENGUINS, null);

    // when
    service.handle(upload("incoming/big.csv", TriggerService.MAX_COPY_OBJECT_BYTES, "v1"));

    // then
    assertThat(Fixtures.tree(executions.executions().get(0).input()).get("dataset").has("pinned")).isFalse();
  }

  @Test
  void handle_largeFile_readsOnlyFirstBytes() {
    // given
    StringBuilder big = new StringBuilder("species,island,bill_length_mm\n");
    while (big.length() < 1_000_000) {
      big.append("Adelie,Torgersen,39.1\n");
    }
    store("incoming/big.csv", big.toString(), null);

    // when
    TriggerResult result = service.handle(upload("incoming/big.csv", big.length(), "v1"));

    // then
    assertThat(result).isInstanceOf(TriggerResult.Started.class);
    assertThat(objects.reads).isEqualTo(List.of("s3://data/incoming/big.csv#65536"));
  }
}
