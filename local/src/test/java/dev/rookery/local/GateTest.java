package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateTest {
  private static ModelVersion approved(double accuracy) {
    return new ModelVersion(4, Instant.now(), ApprovalStatus.Approved, RegistryTest.registration("run-x", accuracy));
  }

  @Test
  void decide_belowThreshold_rejectsNamingBothNumbers() {
    // when
    Gate.Decision d = new Gate(0.9, false).decide(0.85, Optional.empty());

    // then
    assertThat(d.passed()).isFalse();
    assertThat(d.message()).contains("0.8500").contains("0.9000");
  }

  @Test
  void decide_atThreshold_passes() {
    assertThat(new Gate(0.9, false).decide(0.9, Optional.of(approved(1.0))).passed()).isTrue();
  }

  @Test
  void decide_mustBeatAndOnlyTies_rejectsNamingTheApprovedVersion() {
    // when
    Gate.Decision d = new Gate(0.9, true).decide(0.97, Optional.of(approved(0.97)));

    // then
    assertThat(d.passed()).isFalse();
    assertThat(d.message()).contains("0.9700").contains("version 4");
  }

  @Test
  void decide_mustBeatAndBeats_passes() {
    assertThat(new Gate(0.9, true).decide(0.98, Optional.of(approved(0.97))).passed()).isTrue();
  }

  @Test
  void decide_mustBeatWithoutApprovedModel_passesOnThreshold() {
    assertThat(new Gate(0.9, true).decide(0.95, Optional.empty()).passed()).isTrue();
  }

  @Test
  void new_thresholdAboveOne_failsNamingIt() {
    assertThatThrownBy(() -> new Gate(1.5, false)).hasMessageContaining("1.5");
  }
}
