package dev.rookery.local;

import static dev.rookery.local.EndToEndTest.await;
import static dev.rookery.local.EndToEndTest.captureLines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's local acceptance path through the real entry point: {@code run} serving,
 * {@code traffic --labels}, {@code monitor --quality} (no violation); then traffic whose labels
 * shift half of one class ({@code --label-shift Adelie=Chinstrap:0.5}: the same inputs, other right
 * answers, which the drift monitor cannot see), and {@code monitor --quality --retrain}: an accuracy
 * violation, exit 4, and a new pipeline run on the newest data with its reason recorded.
 */
class QualityEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path state;

  @Test
  void trafficWithLabels_thenLabelShift_violationAndRetrainWithReason() throws Exception {
    // given: a smaller tuning budget than the repository's (the retrain runs the whole pipeline again)
    Path config = Files.writeString(state.resolve("pipeline.json"), "{\"format_version\": 1, \"target\": \"species\","
        + " \"tuning\": {\"max_jobs\": 2, \"max_parallel_jobs\": 2}, \"model_quality\": {\"min_joined_records\": 50}}");
    StateDir stateDir = new StateDir(state);
    AtomicReference<Cli.Result> run = new AtomicReference<>();
    Thread runner = EndToEndTest.startServing(state, run, "run", "--port", "0", "--config", config.toString());
    try {
      await(() -> Files.exists(stateDir.endpointFile()) || run.get() != null, Duration.ofSeconds(180));
      assertThat(run.get()).as("run ended early: %s", run.get()).isNull();
      EndpointInfo endpoint = EndpointInfo.read(stateDir.endpointFile()).orElseThrow();
      Path capture = stateDir.capture().resolve(endpoint.endpointName()).resolve(endpoint.variantName());
      Path runFolder;
      try (Registry registry = Registry.open(stateDir.registryDb())) {
        runFolder = registry.get(1).layout().dir();
      }
      assertThat(runFolder.resolve("evaluation/model-quality/constraints.json")).isRegularFile();
      assertThat(runFolder.resolve("evaluation/model-quality/statistics.json")).isRegularFile();

      // when: traffic with its true labels
      Cli.Result traffic = Cli.run(state, "traffic", "--count", "200", "--labels", "--skip-missing");
      await(() -> captureLines(capture) >= 200, Duration.ofSeconds(30));
      Cli.Result calm = Cli.run(state, "monitor", "--quality", "--config", config.toString());

      // then
      assertThat(traffic.exitCode()).as(traffic.toString()).isZero();
      assertThat(traffic.out()).contains("labels:   200 written to " + stateDir.groundTruth().resolve(endpoint.endpointName()));
      assertThat(calm.exitCode()).as(calm.toString()).isZero();
      assertThat(calm.out()).contains("joined 200 of 200 labels").contains("no violations")
          .contains("labels: 0 unmatched");

      // when: the same inputs, but half of the Adelie penguins are labelled Chinstrap
      Cli.Result shifted = Cli.run(state, "traffic", "--count", "400", "--labels", "--skip-missing", "--seed", "7",
          "--label-shift", "Adelie=Chinstrap:0.5");
      await(() -> captureLines(capture) >= 600, Duration.ofSeconds(30));
      Cli.Result drift = Cli.run(state, "monitor");
      Cli.Result alarm = Cli.run(state, "monitor", "--quality", "--retrain", "--config", config.toString());

      // then: the inputs did not drift; the accuracy did, and a retrain ran with its reason
      assertThat(shifted.exitCode()).as(shifted.toString()).isZero();
      assertThat(shifted.out()).contains("with label shift [Adelie=Chinstrap:0.5]");
      assertThat(drift.out()).doesNotContain("baseline_drift_check");
      assertThat(alarm.exitCode()).as(alarm.toString()).isEqualTo(ExitCodes.VIOLATIONS);
      assertThat(alarm.out()).containsPattern("accuracy\\s+LessThanThreshold\\s+Metric accuracy with 0\\.\\d+");
      assertThat(alarm.out()).contains("joined 600 of 600 labels").contains("retrain: model-quality violations;");
      Path reasonFile = Path.of(alarm.out().lines().filter(l -> l.startsWith("retrain reason:")).findFirst()
          .orElseThrow().substring("retrain reason:".length()).trim());
      JsonNode reason = JSON.readTree(reasonFile.toFile());
      assertThat(reason.get("reason").asText()).isEqualTo("model-quality violations of model version 1");
      assertThat(reason.get("violations").get(0).asText()).startsWith("accuracy LessThanThreshold: Metric accuracy with");
      assertThat(reason.get("data").asText()).isEqualTo(stateDir.root().resolve("datasets/penguins.csv").toString());
      assertThat(reason.get("gate").asText()).matches("(passed|rejected): .*");
      if (reason.get("gate").asText().startsWith("passed")) {
        assertThat(reason.get("registered_version").asInt()).isEqualTo(2);
        assertThat(alarm.out()).contains("retrain: model version 2 registered");
      } else {
        assertThat(alarm.out()).contains("retrain: the gate rejected the new model");
      }
      Path report = Path.of(alarm.out().lines().filter(l -> l.startsWith("report:")).findFirst().orElseThrow()
          .substring("report:".length()).trim());
      assertThat(Files.readString(report)).contains("chart-heatmap").contains("chart-line").contains("chart-bars");
    } finally {
      runner.interrupt();
      runner.join(60_000);
    }
    assertThat(run.get()).isNotNull();
    assertThat(run.get().exitCode()).as(run.get().toString()).isZero();
  }
}
