package dev.rookery.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.exceptions.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
  final Environment env = new Environment(Map.of("COUNT", "x2", "BLANK", " ", "LIST", "a, b,,c "));

  @Test
  void required_blank_throwsNamingVariable() {
    // when / then
    assertThatThrownBy(() -> env.required("BLANK"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("invalid configuration: environment variable BLANK is required but blank");
  }

  @Test
  void integer_notANumber_throwsNamingVariableAndValue() {
    // when / then
    assertThatThrownBy(() -> env.integer("COUNT", 1, 1, 10))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("invalid configuration: environment variable COUNT must be an integer, found 'x2'");
  }

  @Test
  void integer_unset_default() {
    // then
    assertThat(env.integer("UNSET", 7, 1, 10)).isEqualTo(7);
  }

  @Test
  void list_commaSeparated_trimmedWithoutBlanks() {
    // then
    assertThat(env.list("LIST")).isEqualTo(List.of("a", "b", "c"));
    assertThat(env.list("UNSET")).isEmpty();
  }
}
