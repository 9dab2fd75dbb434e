package dev.rookery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineOptionsTest {
  static final List<String> OPTIONS = List.of("--port", "--capture-dir");

  @Test
  void parse_spaceAndEqualsForms_bothRead() {
    // when
    Map<String, String> values = CommandLineOptions.parse(OPTIONS, new String[] {"--capture-dir=/tmp/a=b", "--port", "9000"});

    // then
    assertThat(values).containsExactly(Map.entry("--port", "9000"), Map.entry("--capture-dir", "/tmp/a=b"));
  }

  @Test
  void parse_repeatedOption_lastWins() {
    assertThat(CommandLineOptions.parse(OPTIONS, new String[] {"--port", "1", "--port=2"})).containsEntry("--port", "2");
  }

  @Test
  void parse_valueStartingWithDash_isAValue() {
    assertThat(CommandLineOptions.parse(OPTIONS, new String[] {"--capture-dir", "-x"})).containsEntry("--capture-dir", "-x");
  }

  @Test
  void parse_unknownOption_usageErrorNamingItAndTheOptions() {
    assertThatThrownBy(() -> CommandLineOptions.parse(OPTIONS, new String[] {"--bogus", "1"}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'--bogus'")
        .hasMessageEndingWith("options: --port, --capture-dir");
  }

  @Test
  void parse_missingValue_usageErrorNamingTheOption() {
    assertThatThrownBy(() -> CommandLineOptions.parse(OPTIONS, new String[] {"--port"}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'--port'");
  }

  @Test
  void parse_positionalArgument_usageErrorNamingIt() {
    assertThatThrownBy(() -> CommandLineOptions.parse(OPTIONS, new String[] {"stray"}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'stray'");
  }
}
