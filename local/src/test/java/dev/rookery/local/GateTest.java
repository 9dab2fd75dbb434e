package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.settings.GateSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GateTest {
  /** The cases the pipeline's gate states run too (statemachine/test/pipeline.test.mjs). */
  static final Path VECTORS = Path.of("..", "statemachine", "test", "fixtures", "gate-vectors.json");

  private static ModelVersion approved(double accuracy) {
    return new ModelVersion(4, Instant.now(), ApprovalStatus.Approved, RegistryTest.registration("run-x", accuracy));
  }

  static List<Arguments> vectors() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode v : new ObjectMapper().readTree(VECTORS.toFile()).get("vectors")) {
      cases.add(Arguments.of(v.get("name").asText(), v.get("accuracy").asDouble(), v.get("threshold").asDouble(),
          v.get("must_beat_approved").asBoolean(),
          v.get("approved_accuracy").isNull() ? null : v.get("approved_accuracy").asDouble(),
          v.get("verdict").asText()));
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decide_sharedVector_givesTheExpectedVerdict(String name, double accuracy, double threshold, boolean mustBeat,
      Double approvedAccuracy, String verdict) {
    // when
    Gate.Decision d = new Gate(new GateSettings(threshold, mustBeat))
        .decide(accuracy, Optional.ofNullable(approvedAccuracy).map(GateTest::approved));

    // then
    assertThat(d.verdict().name().toLowerCase(Locale.ROOT)).as(d.message()).isEqualTo(verdict);
  }

  @Test
  void vectors_coverEveryVerdict() throws IOException {
    assertThat(vectors()).extracting(a -> a.get()[5]).contains("passed", "below_threshold", "not_better_than_approved");
  }

  @Test
  void decide_belowThreshold_rejectsNamingBothNumbers() {
    // when
    Gate.Decision d = new Gate(new GateSettings(0.9, false)).decide(0.85, Optional.empty());

    // then
    assertThat(d.passed()).isFalse();
    assertThat(d.message()).contains("0.8500").contains("0.9000");
  }

  @Test
  void decide_mustBeatAndOnlyTies_rejectsNamingTheApprovedVersion() {
    // when
    Gate.Decision d = new Gate(new GateSettings(0.9, true)).decide(0.97, Optional.of(approved(0.97)));

    // then
    assertThat(d.passed()).isFalse();
    assertThat(d.message()).contains("0.9700").contains("version 4");
  }
}
