package dev.rookery.ml.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void parseNumber_decimalsAndExponents_parse() {
    assertThat(Values.parseNumber(" -1.5e3 ")).isEqualTo(-1500.0);
    assertThat(Values.parseNumber("42")).isEqualTo(42.0);
  }

  @Test
  void parseNumber_junkThatJavaWouldAccept_isNaN() {
    assertThat(Values.parseNumber("NaN")).isNaN();
    assertThat(Values.parseNumber("Infinity")).isNaN();
    assertThat(Values.parseNumber("1d")).isNaN();
    assertThat(Values.parseNumber("0x1p3")).isNaN();
    assertThat(Values.parseNumber(".")).isNaN();
    assertThat(Values.parseNumber("1e999")).isNaN();
  }

  @Test
  void isMissing_emptyBlankNa_true() {
    assertThat(Values.isMissing(null)).isTrue();
    assertThat(Values.isMissing(" ")).isTrue();
    assertThat(Values.isMissing("NA")).isTrue();
    assertThat(Values.isMissing(".")).isFalse();
  }
}
