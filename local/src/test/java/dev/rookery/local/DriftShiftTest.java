package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DriftShiftTest {
  @Test
  void parse_plusDelta_readsFeatureAndDelta() {
    // when
    DriftShift shift = DriftShift.parse("body_mass_g=+1500");

    // then
    assertThat(shift.feature()).isEqualTo("body_mass_g");
    assertThat(shift.delta()).isEqualByComparingTo(new BigDecimal("1500"));
    assertThat(shift).hasToString("body_mass_g=+1500");
  }

  @Test
  void parse_noSign_failsNamingTheValue() {
    assertThatThrownBy(() -> DriftShift.parse("body_mass_g=1500"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'body_mass_g=1500'")
        .hasMessageContaining("FEATURE=+DELTA");
  }

  @Test
  void apply_numbersAndMissing_shiftsNumbersKeepsMissing() {
    // given
    DriftShift shift = DriftShift.parse("x=-0.5");

    // then
    assertThat(shift.apply("39.1")).isEqualTo("38.6");
    assertThat(DriftShift.parse("x=+1500").apply("3750")).isEqualTo("5250");
    assertThat(shift.apply("NA")).isEqualTo("NA");
    assertThat(shift.apply("")).isEmpty();
  }

  @Test
  void apply_text_failsNamingFeatureAndValue() {
    assertThatThrownBy(() -> DriftShift.parse("island=+1").apply("Biscoe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("island")
        .hasMessageContaining("'Biscoe'");
  }
}
