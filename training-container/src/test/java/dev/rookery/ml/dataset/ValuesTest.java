package dev.rookery.ml.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one reading of a raw value that preprocessing, training, serving and the monitor's statistics share. */
class ValuesTest {
  @ParameterizedTest(name = "''{0}'' = {1}")
  @CsvSource({"' -1.5e3 ', -1500", "42, 42", "39.1, 39.1", "' -2 ', -2", "1e3, 1000", ".5, 0.5"})
  void parseNumber_decimalsAndExponents_parse(String value, double number) {
    assertThat(Values.parseNumber(value)).isEqualTo(number);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1d", "2f", "0x1p3", ".", "heavy", "1,5", "1e999", ""})
  void parseNumber_junkThatJavaWouldAccept_isNaN(String value) {
    assertThat(Values.parseNumber(value)).isNaN();
    assertThat(Values.isNumber(value)).isFalse();
  }

  @ParameterizedTest(name = "''{0}'' missing: {1}")
  @CsvSource(value = {"NULL, true", "'', true", "'  ', true", "NA, true", "' NA ', true", "na, false", "0, false",
      "., false"}, nullValues = "NULL")
  void isMissing_nullBlankAndNa_only(String value, boolean missing) {
    assertThat(Values.isMissing(value)).isEqualTo(missing);
  }
}
