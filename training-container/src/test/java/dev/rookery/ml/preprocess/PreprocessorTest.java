package dev.rookery.ml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.settings.SplitFractions;
import dev.rookery.ml.exceptions.DatasetException;
import dev.rookery.ml.testutils.Penguins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PreprocessorTest {
  @TempDir Path dir;

  private PreprocessOptions options(Path out) {
    return new PreprocessOptions("species", 42, SplitFractions.DEFAULT, out);
  }

  @Test
  void run_penguins_writesStratifiedSplitsSchemaTransformerAndBaseline() throws Exception {
    // when
    PreprocessResult r = Preprocessor.run(Penguins.csv(), options(dir.resolve("out")));
    // then
    assertThat(r.counts().train() + r.counts().validation() + r.counts().test()).isEqualTo(344);
    assertThat(r.counts().validation()).isEqualTo(52);
    assertThat(r.counts().test()).isEqualTo(52);
    assertThat(Files.readAllLines(r.train().csv()).get(0))
        .isEqualTo("species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year");
    assertThat(Files.readAllLines(r.test().csv()).stream().filter(l -> l.startsWith("Chinstrap"))).hasSize(10);
    assertThat(r.train().schema()).exists();
    assertThat(Transformer.read(r.test().transformer()).toJson()).isEqualTo(r.transformer().toJson());
    assertThat(r.baseline().resolve("statistics.json")).exists();
    assertThat(r.baseline().resolve("constraints.json")).exists();
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("train", "validation", "test", "baseline");
    }
  }

  @Test
  void run_sameDataAndSeed_byteIdenticalOutputs() throws Exception {
    // when
    PreprocessResult a = Preprocessor.run(Penguins.csv(), options(dir.resolve("a")));
    PreprocessResult b = Preprocessor.run(Penguins.csv(), options(dir.resolve("b")));
    PreprocessResult c = Preprocessor.run(Penguins.csv(), new PreprocessOptions("species", 7, SplitFractions.DEFAULT, dir.resolve("c")));
    // then
    for (String split : new String[] {"train", "validation", "test"}) {
      for (String file : new String[] {split + ".csv", "transformer.json", "schema.json"}) {
        assertThat(Files.readAllBytes(dir.resolve("a").resolve(split).resolve(file)))
            .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(split).resolve(file)));
      }
    }
    assertThat(Files.readAllBytes(a.baseline().resolve("statistics.json")))
        .isEqualTo(Files.readAllBytes(b.baseline().resolve("statistics.json")));
    assertThat(Files.readString(c.train().csv())).isNotEqualTo(Files.readString(a.train().csv()));
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("empty file", "".getBytes(StandardCharsets.UTF_8), "the file is empty"),
        Arguments.of("header only", "species,x\n".getBytes(StandardCharsets.UTF_8), "line 1: the file has a header but no data rows"),
        Arguments.of("missing target", "kind,x\na,1\nb,2\n".getBytes(StandardCharsets.UTF_8), "column 'species': the target column is not in the header"),
        Arguments.of("one class", "species,x\na,1\na,2\na,3\n".getBytes(StandardCharsets.UTF_8), "the target needs at least 2 classes, found 1 ('a', 3 rows)"),
        Arguments.of("class too small", "species,x\na,1\na,2\na,3\nb,4\nb,5\n".getBytes(StandardCharsets.UTF_8),
            "column 'species': class 'b' has 2 row(s): a stratified train/validation/test split needs at least 3 rows per class"),
        Arguments.of("numeric mostly text", "species,x\na,1\na,2\na,3\nb,x4\nb,5\nb,6\n".getBytes(StandardCharsets.UTF_8),
            "line 5, column 'x': value 'x4' is not a number"),
        Arguments.of("invalid utf-8", new byte[] {'s', 'p', 'e', 'c', 'i', 'e', 's', ',', 'x', '\n', 'a', ',', (byte) 0xC3, '\n'},
            "line 2: invalid UTF-8 byte 0xC3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void run_badInput_failsWithMessageAndWritesNothing(String name, byte[] content, String message) throws Exception {
    // given
    Path csv = dir.resolve("bad.csv");
    Files.write(csv, content);
    Path out = dir.resolve("out");
    // when / then
    assertThatThrownBy(() -> Preprocessor.run(csv, options(out)))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(csv.toString())
        .hasMessageContaining(message);
    assertThat(out).doesNotExist();
  }
}
