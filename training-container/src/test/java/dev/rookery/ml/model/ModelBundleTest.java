package dev.rookery.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.ml.exceptions.ArtifactFormatException;
import dev.rookery.ml.predict.InvalidRecordException;
import dev.rookery.ml.dataset.Values;
import dev.rookery.ml.predict.Prediction;
import dev.rookery.ml.records.RecordDecoder;
import dev.rookery.ml.stats.DatasetStatistics;
import dev.rookery.ml.stats.StatisticsAccumulator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.List;

class ModelBundleTest {
  static final Path GOLDEN = GoldenArtifactGenerator.GOLDEN;
  static ModelBundle golden;

  // Raw penguins rows in schema order: island, bill_length, bill_depth, flipper, mass, sex, year.
  static final String[] ADELIE = {"Torgersen", "39.1", "18.7", "181", "3750", "male", "2007"};
  static final String[] GENTOO = {"Biscoe", "46.1", "13.2", "211", "4500", "female", "2007"};
  static final String[] CHINSTRAP = {"Dream", "46.5", "17.9", "192", "3500", "female", "2007"};

  @BeforeAll
  static void load() throws Exception {
    golden = ModelBundle.loadTarGz(GOLDEN);
  }

  @Test
  void loadTarGz_goldenV1_predictsRawRecords() {
    assertThat(golden.predict(ADELIE).label()).isEqualTo("Adelie");
    assertThat(golden.predict(GENTOO).label()).isEqualTo("Gentoo");
    assertThat(golden.predict(CHINSTRAP).label()).isEqualTo("Chinstrap");
    Prediction p = golden.predict(new String[] {"NA", "", "NA", "", "", "NA", "2008"});
    assertThat(p.probabilities().keySet()).containsExactly("Adelie", "Chinstrap", "Gentoo");
    assertThat(p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void loadTarGz_goldenV1_manifestAndFilesOfFormat1() throws Exception {
    Map<String, byte[]> files;
    try (InputStream in = Files.newInputStream(GOLDEN)) {
      files = TarGz.unpack(in);
    }
    assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(ModelArtifact.FILES);
    assertThat(golden.manifest().path("format_version").asInt()).isEqualTo(ModelArtifact.FORMAT_VERSION);
    assertThat(golden.hyperparameters()).containsEntry("algorithm", "logistic");
    assertThat(new String(files.get(ModelArtifact.PROVENANCE))).contains("\"sha256\"", "\"tribuo_provenance\"", "\"tribuo\" : \"4.3.2\"");
  }

  @Test
  void loadTarGz_currentGolden_aMissingSexHasItsOwnColumn() throws Exception {
    ModelBundle current = ModelBundle.loadTarGz(GoldenArtifactGenerator.CURRENT);
    assertThat(current.predict(ADELIE).label()).isEqualTo("Adelie");
    assertThat(current.predict(GENTOO).label()).isEqualTo("Gentoo");
    assertThat(current.transformer().outputNames()).contains("sex=(missing)");
    // the first golden's format 1 transformer has none: it imputes the most frequent sex
    assertThat(golden.transformer().outputNames()).doesNotContain("sex=(missing)");
    String[] noSex = ADELIE.clone();
    noSex[5] = "";
    assertThat(current.predict(noSex).label()).isEqualTo("Adelie");
  }

  @Test
  void write_currentCode_sameFormatAsGolden(@TempDir Path dir) throws Exception {
    // given: the artifact the current code writes from the same data and seed
    Path fresh = dir.resolve("model.tar.gz");
    GoldenArtifactGenerator.generate(fresh);
    Map<String, byte[]> now;
    Map<String, byte[]> then;
    try (InputStream a = Files.newInputStream(fresh); InputStream b = Files.newInputStream(GoldenArtifactGenerator.CURRENT)) {
      now = TarGz.unpack(a);
      then = TarGz.unpack(b);
    }
    // then: every deterministic file is byte-identical (the model and provenance hold timestamps)
    for (String name : new String[] {"manifest.json", "schema.json", "transformer.json", "hyperparameters.json"}) {
      assertThat(new String(now.get(name))).as(name).isEqualTo(new String(then.get(name)));
    }
  }

  @Test
  void predict_textInNumericField_invalidRecord() {
    String[] bad = ADELIE.clone();
    bad[1] = "long";
    assertThatThrownBy(() -> golden.predict(bad)).isInstanceOf(InvalidRecordException.class)
        .hasMessage("field 'bill_length_mm' has value 'long': expected a finite number");
  }

  @Test
  void predict_concurrentCallers_sameAnswers() throws Exception {
    var pool = Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
      for (int i = 0; i < 400; i++) {
        String[] r = i % 2 == 0 ? GENTOO : ADELIE;
        futures.add(pool.submit(() -> golden.predict(r).label()));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(i % 2 == 0 ? "Gentoo" : "Adelie");
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void load_missingFile_failsNamingIt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("manifest.json"), "{\"format_version\": 1}");
    assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(ArtifactFormatException.class)
        .hasMessage(dir + ": the model artifact has no model.tribuo");
  }

  /**
   * Fault: a corrupt or truncated artefact file (a disk that filled during a copy, a partial
   * download). Loading fails naming the file, instead of a parser's byte offset or a bare
   * EOFException; ServeModeTest shows {@code serve} refusing to start with that message.
   */
  @ParameterizedTest
  @ValueSource(strings = {"manifest.json", "model.tribuo", "schema.json", "transformer.json", "hyperparameters.json"})
  void load_truncatedOrCorruptFile_failsNamingTheFile(String name, @TempDir Path dir) throws Exception {
    // given: the golden artefact unpacked, then one file cut in half, and in a copy, overwritten with garbage
    Map<String, byte[]> files;
    try (InputStream in = Files.newInputStream(GOLDEN)) {
      files = TarGz.unpack(in);
    }
    Path truncated = Files.createDirectory(dir.resolve("truncated"));
    Path garbage = Files.createDirectory(dir.resolve("garbage"));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Files.write(truncated.resolve(f.getKey()), f.getKey().equals(name)
          ? java.util.Arrays.copyOf(f.getValue(), f.getValue().length / 2) : f.getValue());
      Files.write(garbage.resolve(f.getKey()), f.getKey().equals(name)
          ? "\u0000\u0001garbage\u00ff".getBytes(UTF_8) : f.getValue());
    }

    // when / then
    for (Path modelDir : List.of(truncated, garbage)) {
      assertThatThrownBy(() -> ModelBundle.load(modelDir)).as(modelDir.toString())
          .isInstanceOf(ArtifactFormatException.class)
          .hasMessageContaining(modelDir.resolve(name).toString());
    }
  }

  @Test
  void loadTarGz_truncatedArchive_failsNamingIt(@TempDir Path dir) throws Exception {
    // given
    byte[] archive = Files.readAllBytes(GOLDEN);
    Path cut = Files.write(dir.resolve("model.tar.gz"), java.util.Arrays.copyOf(archive, archive.length / 2));

    // when / then
    assertThatThrownBy(() -> ModelBundle.loadTarGz(cut))
        .isInstanceOf(ArtifactFormatException.class)
        .hasMessageContaining(cut.toString())
        .hasMessageContaining("truncated");
  }

  /**
   * The boundary cross-check: the spellings of a missing value that reach the server (an empty CSV
   * cell, {@code NA}, {@code NA} with blanks, a JSON null, an absent JSON field, a JSON "NA") are
   * missing for the decoder's callers, the monitor's statistics and the model alike.
   */
  @Test
  void predict_missingSpelledEmptyNaOrJsonNull_sameAsTheStatisticsSeeIt() {
    // given: Gentoo with bill_length_mm (numeric) and sex (categorical) missing, spelled six ways
    RecordDecoder decoder = new RecordDecoder(golden.schema().featureNames());
    String json = "\"island\":\"Biscoe\",\"bill_depth_mm\":13.2,\"flipper_length_mm\":211,\"body_mass_g\":4500,\"year\":2007";
    Map<String, String[]> spellings = new java.util.LinkedHashMap<>();
    spellings.put("csv empty", decoder.decode("text/csv", "Biscoe,,13.2,211,4500,,2007".getBytes(UTF_8)).get(0));
    spellings.put("csv NA", decoder.decode("text/csv", "Biscoe,NA,13.2,211,4500,NA,2007".getBytes(UTF_8)).get(0));
    spellings.put("csv padded NA", decoder.decode("text/csv", "Biscoe, NA ,13.2,211,4500,\" NA\",2007".getBytes(UTF_8)).get(0));
    spellings.put("json null", decoder.decode("application/json",
        ("{" + json + ",\"bill_length_mm\":null,\"sex\":null}").getBytes(UTF_8)).get(0));
    spellings.put("json absent", decoder.decode("application/json", ("{" + json + "}").getBytes(UTF_8)).get(0));
    spellings.put("json NA", decoder.decode("application/json",
        ("{" + json + ",\"bill_length_mm\":\"NA\",\"sex\":\"NA\"}").getBytes(UTF_8)).get(0));
    Prediction reference = golden.predict(new String[] {"Biscoe", null, "13.2", "211", "4500", null, "2007"});
    int bill = golden.schema().featureNames().indexOf("bill_length_mm");
    int sex = golden.schema().featureNames().indexOf("sex");

    spellings.forEach((how, record) -> {
      // when
      StatisticsAccumulator stats = new StatisticsAccumulator(golden.schema().features());
      stats.add(record);
      DatasetStatistics s = stats.toStatistics();
      Prediction p = golden.predict(record);

      // then
      assertThat(Values.isMissing(record[bill])).as(how).isTrue();
      assertThat(Values.isMissing(record[sex])).as(how).isTrue();
      assertThat(s.feature("bill_length_mm").orElseThrow().numMissing()).as(how).isEqualTo(1);
      assertThat(s.feature("sex").orElseThrow().numMissing()).as(how).isEqualTo(1);
      assertThat(p.label()).as(how).isEqualTo(reference.label());
      assertThat(p.probabilities()).as(how).isEqualTo(reference.probabilities());
    });
  }
}
