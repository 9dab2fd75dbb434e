package dev.rookery.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.ml.schema.Schema;
import dev.rookery.testutils.Golden;
import dev.rookery.testutils.PenguinsFixtures;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineWriterTest {
  private static final Path TRAIN_CSV = Golden.sourceDir().resolve("stats/penguins-train.csv");

  @TempDir Path tmp;

  @Test
  void write_penguinsTrainSplit_matchesGoldenFiles() throws IOException {
    // given
    Schema schema = PenguinsFixtures.schema();
    List<String[]> rows = readCommittedTrainSplit(schema);

    // when
    DatasetStatistics statistics = BaselineWriter.write(schema, rows, tmp);

    // then
    assertThat(statistics.itemCount()).isEqualTo(rows.size());
    Golden.assertMatches(tmp.resolve("statistics.json"), "stats/penguins-train.statistics.json");
    Golden.assertMatches(tmp.resolve("constraints.json"), "stats/penguins-train.constraints.json");
  }

  @Test
  void write_goldenFiles_readBackToTheSameModel() throws IOException {
    // given
    Schema schema = PenguinsFixtures.schema();
    DatasetStatistics written = BaselineWriter.write(schema, readCommittedTrainSplit(schema), tmp);

    // when
    DatasetStatistics read = StatisticsJson.read(tmp.resolve("statistics.json"));
    Constraints constraints = ConstraintsJson.read(tmp.resolve("constraints.json"));

    // then
    assertThat(read).isEqualTo(written);
    assertThat(constraints).isEqualTo(Constraints.suggest(written));
    assertThat(read.featureNames()).isEqualTo(schema.featureNames());
  }

  @Test
  void write_rowWithTooFewValues_failsNamingTheRowAndWritesNothing() {
    // given
    Schema schema = PenguinsFixtures.schema();
    List<String[]> rows = List.of(
        new String[] {"Biscoe", "39.1", "18.7", "181", "3750", "male", "2007"},
        new String[] {"Biscoe", "39.1", "18.7"});

    // when / then
    assertThatThrownBy(() -> BaselineWriter.write(schema, rows, tmp.resolve("out")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("record 2 must have 7 values")
        .hasMessageContaining("found 3");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void write_featureTypesAndOrder_followTheSchema() throws IOException {
    // given
    Schema schema = PenguinsFixtures.schema();

    // when
    DatasetStatistics s = BaselineWriter.write(schema, readCommittedTrainSplit(schema), tmp);

    // then
    assertThat(s.features()).extracting(FeatureStatistics::inferredType).containsExactly(
        InferredType.STRING, InferredType.FRACTIONAL, InferredType.FRACTIONAL, InferredType.INTEGRAL,
        InferredType.INTEGRAL, InferredType.STRING, InferredType.INTEGRAL);
    StringFeatureStatistics island = (StringFeatureStatistics) s.feature("island").orElseThrow();
    assertThat(island.distinctCount()).isEqualTo(3);
    assertThat(island.buckets().stream().mapToLong(CategoricalBucket::count).sum()).isEqualTo(island.numPresent());
  }

  /**
   * Reads the committed train split; regenerates it from the embedded data first when golden files
   * are being regenerated.
   */
  static List<String[]> readCommittedTrainSplit(Schema schema) throws IOException {
    if (Boolean.getBoolean("rookery.golden.regenerate")) {
      try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(TRAIN_CSV, StandardCharsets.UTF_8),
          CSVFormat.DEFAULT.builder().setHeader(schema.featureNames().toArray(String[]::new)).get())) {
        for (String[] row : PenguinsFixtures.train().rows()) {
          out.printRecord((Object[]) row);
        }
      }
    }
    List<String[]> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(TRAIN_CSV, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      for (CSVRecord r : parser) {
        rows.add(schema.featureNames().stream().map(r::get).toArray(String[]::new));
      }
    }
    return rows;
  }
}
