package dev.rookery.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawValuesTest {
  @Test
  void parseNumber_decimalForms_parse() {
    assertThat(RawValues.parseNumber("39.1")).isEqualTo(39.1);
    assertThat(RawValues.parseNumber(" -2 ")).isEqualTo(-2);
    assertThat(RawValues.parseNumber("1e3")).isEqualTo(1000);
    assertThat(RawValues.parseNumber(".5")).isEqualTo(0.5);
  }

  @Test
  void parseNumber_javaOnlyForms_areNotNumbers() {
    for (String v : new String[] {"NaN", "Infinity", "-Infinity", "1d", "2f", "0x1p3", "heavy", "1,5", "1e999"}) {
      assertThat(RawValues.parseNumber(v)).as(v).isNaN();
    }
  }

  @Test
  void isMissing_markers_areMissing() {
    assertThat(RawValues.isMissing(null)).isTrue();
    assertThat(RawValues.isMissing("")).isTrue();
    assertThat(RawValues.isMissing("  ")).isTrue();
    assertThat(RawValues.isMissing("NA")).isTrue();
    assertThat(RawValues.isMissing("na")).isFalse();
    assertThat(RawValues.isMissing("0")).isFalse();
  }
}
