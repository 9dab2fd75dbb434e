package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parse_shortAndIsoForms_readAsDurations() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void parse_garbageOrZero_failsNamingTheValue() {
    assertThatThrownBy(() -> Durations.parse("an hour")).hasMessageContaining("'an hour'");
    assertThatThrownBy(() -> Durations.parse("0m")).hasMessageContaining("positive");
  }
}
