package dev.rookery.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatisticsJsonTest {
  @TempDir Path tmp;

  @Test
  void read_writtenCompactedStatistics_roundTripsExceptTheInMemoryNonNumericCount() throws IOException {
    // given 100,000 records, enough to compact the sketches
    StatisticsAccumulator acc = new StatisticsAccumulator(
        List.of(new Feature("x", FeatureType.NUMERIC), new Feature("c", FeatureType.CATEGORICAL)));
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      acc.add(new String[] {String.valueOf(random.nextGaussian()), random.nextBoolean() ? "a" : "b"});
    }
    DatasetStatistics written = acc.toStatistics();
    Path file = tmp.resolve("statistics.json");

    // when
    StatisticsJson.write(written, file);
    DatasetStatistics read = StatisticsJson.read(file);

    // then
    assertThat(read).isEqualTo(written);
    assertThat(((NumericFeatureStatistics) read.features().get(0)).distribution().sketch().totalWeight()).isEqualTo(100_000);
  }

  @Test
  void read_featureWithoutCommon_failsNamingFileFeatureAndField() throws IOException {
    // given
    Path file = tmp.resolve("statistics.json");
    Files.writeString(file, """
        {"version":0,"dataset":{"item_count":1},"features":[
          {"name":"island","inferred_type":"String","string_statistics":{"distinct_count":1}}]}
        """);

    // when / then
    assertThatThrownBy(() -> StatisticsJson.read(file))
        .isInstanceOf(StatsJsonException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("feature 'island'")
        .hasMessageContaining("missing field 'common'");
  }

  @Test
  void read_unknownInferredType_failsNamingTheValue() throws IOException {
    // given
    Path file = tmp.resolve("statistics.json");
    Files.writeString(file, """
        {"version":0,"dataset":{"item_count":1},"features":[{"name":"x","inferred_type":"Decimal"}]}
        """);

    // when / then
    assertThatThrownBy(() -> StatisticsJson.read(file))
        .isInstanceOf(StatsJsonException.class)
        .hasMessageContaining("found 'Decimal'");
  }
}
