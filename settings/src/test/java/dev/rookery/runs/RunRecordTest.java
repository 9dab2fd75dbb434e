package dev.rookery.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.settings.PipelineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunRecordTest {
  static final String GOLDEN = "/golden/run-v1.json";

  /** The record every reader and writer agrees on: one of each part, every optional field set once. */
  static RunRecord sample() {
    Map<String, String> logistic = new LinkedHashMap<>();
    logistic.put("algorithm", "logistic");
    logistic.put("learning_rate", "0.1");
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", 0.9807692307692307);
    metrics.put("weighted_f1", 0.9806);
    return new RunRecord(
        "20261203-130501-a1b2c3",
        Instant.parse("2026-12-03T13:05:01Z"),
        Instant.parse("2026-12-03T13:05:04.250Z"),
        new RunRecord.Dataset("/data/penguins.csv", "ab".repeat(32), "species"),
        new RunRecord.Rows(240, 51, 52, 2),
        RunRecord.config(PipelineSettings.builder("species").seed(7).build().toJson()),
        new RunRecord.Tuning("Bayesian", "validation:accuracy", List.of(
            new RunRecord.Trial("0", logistic, Optional.of(0.98)),
            new RunRecord.Trial("1", Map.of("algorithm", "forest"), Optional.empty())), "0"),
        metrics,
        Optional.of(new RunRecord.Gate("PASSED", 0.9, 0.9807692307692307, Optional.of(0.96), Optional.of(2))),
        Optional.of(new RunRecord.Model(3, "Approved", Optional.empty())));
  }

  static String golden() throws IOException {
    try (InputStream in = RunRecordTest.class.getResourceAsStream(GOLDEN)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void writesTheGoldenShape() throws IOException {
    assertThat(sample().toJson()).isEqualTo(golden());
  }

  @Test
  void readsTheGoldenFileBackToTheSameRecord() throws IOException {
    RunRecord read = RunRecord.parse(golden(), GOLDEN);
    assertThat(read.toJson()).isEqualTo(golden());
    assertThat(read.tuning().chosenTrial()).map(RunRecord.Trial::hyperparameters)
        .contains(Map.of("algorithm", "logistic", "learning_rate", "0.1"));
    assertThat(read.gate()).map(RunRecord.Gate::approvedAccuracy).contains(Optional.of(0.96));
    assertThat(read.model()).map(RunRecord.Model::version).contains(3);
    assertThat(read.testAccuracy()).isEqualTo(0.9807692307692307);
  }

  @Test
  void aRecordBeforeTheGateHasNullGateAndModel() {
    RunRecord before = new RunRecord(sample().runId(), sample().startedAt(), sample().endedAt(), sample().dataset(),
        sample().rows(), Map.of(), sample().tuning(), sample().testMetrics(), Optional.empty(), Optional.empty());
    String json = before.toJson();
    assertThat(json).contains("\"gate\" : null").contains("\"model\" : null");
    assertThat(RunRecord.parse(json, "x").gate()).isEmpty();
  }

  @Test
  void aBadFieldIsNamedWithItsValueAndSource() throws IOException {
    String broken = golden().replace("\"sha256\" : \"abab", "\"sha256\" : \"XYab");
    assertThatThrownBy(() -> RunRecord.parse(broken, "runs/r1/run.json"))
        .hasMessageStartingWith("runs/r1/run.json: dataset.sha256 must be 64 lowercase hex digits, found 'XYab");
    String missing = golden().replace("\"run_id\"", "\"run\"");
    assertThatThrownBy(() -> RunRecord.parse(missing, "f")).hasMessage("f: run_id is missing");
    assertThatThrownBy(() -> RunRecord.parse("{", "f")).hasMessageStartingWith("f: not JSON");
  }
}
