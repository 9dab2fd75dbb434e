package dev.rookery.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstraintsJsonTest {
  @TempDir Path tmp;

  @Test
  void read_modelMonitorFileWithoutOptionalFields_takesDefaults() throws IOException {
    // given a file in the shape the built-in analyzer writes (Simple method, no categorical keys)
    Path file = tmp.resolve("constraints.json");
    Files.writeString(file, """
        {"version":0,"features":[
          {"name":"fare","inferred_type":"Fractional","completeness":1.0,"num_constraints":{"is_non_negative":true}},
          {"name":"city","inferred_type":"String","completeness":0.98,"string_constraints":{"domains":["a","b"]}}],
         "monitoring_config":{"evaluate_constraints":"Enabled","emit_metrics":"Enabled",
          "datatype_check_threshold":0.2,"domain_content_threshold":0.1,
          "distribution_constraints":{"perform_comparison":"Enabled","comparison_threshold":0.3,"comparison_method":"Simple"}}}
        """);

    // when
    Constraints c = ConstraintsJson.read(file);

    // then
    assertThat(c.feature("fare").orElseThrow().isNonNegative()).isTrue();
    assertThat(c.feature("city").orElseThrow().domains()).containsExactly("a", "b");
    assertThat(c.monitoringConfig().datatypeCheckThreshold()).isEqualTo(0.2);
    DistributionConstraints d = c.monitoringConfig().distributionConstraints();
    assertThat(d.comparisonThreshold()).isEqualTo(0.3);
    assertThat(d.comparisonMethod()).isEqualTo(ComparisonMethod.SIMPLE);
    assertThat(d.categoricalComparisonThreshold()).isEqualTo(0.1);
    assertThat(d.categoricalDriftMethod()).isEqualTo("LInfinity");
  }

  @Test
  void read_writtenConstraints_roundTrip() throws IOException {
    // given
    Constraints c = ConstraintsJson.fromJson(StatisticsJson.MAPPER.readTree("""
        {"features":[{"name":"x","inferred_type":"Integral","completeness":0.5}]}
        """));
    Path file = tmp.resolve("constraints.json");

    // when
    ConstraintsJson.write(c, file);

    // then
    assertThat(ConstraintsJson.read(file)).isEqualTo(c);
  }

  @Test
  void read_unknownComparisonMethod_failsNamingTheValue() throws IOException {
    // given
    Path file = tmp.resolve("constraints.json");
    Files.writeString(file, """
        {"features":[],"monitoring_config":{"distribution_constraints":{"comparison_method":"Fancy"}}}
        """);

    // when / then
    assertThatThrownBy(() -> ConstraintsJson.read(file))
        .isInstanceOf(StatsJsonException.class)
        .hasMessageContaining("monitoring_config")
        .hasMessageContaining("found 'Fancy'");
  }
}
