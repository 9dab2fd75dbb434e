package dev.rookery.ml.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.ml.exceptions.DatasetException;
import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.testutils.Penguins;
import java.nio.ByteBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
  @TempDir Path dir;

  private Path csv(String content) throws Exception {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void load_penguins_infersNumericAndCategoricalFeatures() {
    // when
    Dataset data = Dataset.load(Penguins.csv(), "species");
    // then
    assertThat(data.size()).isEqualTo(344);
    assertThat(data.schema().classes()).containsExactly("Adelie", "Chinstrap", "Gentoo");
    assertThat(data.schema().features()).extracting(f -> f.name() + ":" + f.type())
        .containsExactly("island:CATEGORICAL", "bill_length_mm:NUMERIC", "bill_depth_mm:NUMERIC",
            "flipper_length_mm:NUMERIC", "body_mass_g:NUMERIC", "sex:CATEGORICAL", "year:NUMERIC");
  }

  @Test
  void load_bomQuotesCrlfAndDotCategory_readsValues() throws Exception {
    // given
    Path file = csv("\uFEFFy,name,x\r\na,\"b, \"\"quoted\"\"\",1\r\nb,.,NA\r\na,.,2\r\n");
    // when
    Dataset data = Dataset.load(file, "y");
    // then
    assertThat(data.schema().featureNames()).containsExactly("name", "x");
    assertThat(data.schema().features().get(0).type()).isEqualTo(FeatureType.CATEGORICAL);
    assertThat(data.schema().features().get(1).type()).isEqualTo(FeatureType.NUMERIC);
    assertThat(data.features(0)).containsExactly("b, \"quoted\"", "1");
    assertThat(data.features(1)).containsExactly(".", "NA");
  }

  @Test
  void load_rowsWithoutTarget_dropsAndCountsThem() throws Exception {
    // given
    Path file = csv("y,x\na,1\n,2\nNA,3\nb,4\n");
    // when
    Dataset data = Dataset.load(file, "y");
    // then
    assertThat(data.size()).isEqualTo(2);
    assertThat(data.droppedRows()).isEqualTo(2);
  }

  /** Files the loader refuses, each with the message after {@code "dataset <file>"} that names what and where. */
  static Stream<Arguments> refusedFiles() {
    return Stream.of(
        Arguments.of("empty file", "", "y", ": the file is empty (a header row is required)"),
        Arguments.of("header only", "y,x\n", "y", ", line 1: the file has a header but no data rows"),
        Arguments.of("missing target column", "a,b\n1,2\n", "species",
            ", line 1, column 'species': the target column is not in the header [a, b]"),
        Arguments.of("one class", "y,x\na,1\na,2\n", "y",
            ", column 'y': the target needs at least 2 classes, found 1 ('a', 2 rows)"),
        Arguments.of("unterminated quote (named on the line it opens)", "y,x\na,1\nb,2\na,\"3\nb,4\n", "y",
            ", line 4: a quoted value opened on this line is never closed: the file ends inside it"
                + " (RFC 4180: a value holding a '\"' is quoted and the '\"' doubled, as \"say \"\"hi\"\"\")"),
        Arguments.of("ragged row", "y,x\na,1\nb\n", "y", ", line 3: row has 1 values but the header has 2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedFiles")
  void load_refusedFile_failsNamingFileLineAndColumn(String why, String content, String target, String message)
      throws Exception {
    Path file = csv(content);
    assertThatThrownBy(() -> Dataset.load(file, target))
        .isInstanceOf(DatasetException.class)
        .hasMessage("dataset " + file + message);
  }

  @Test
  void load_numericColumnWithText_failsNamingLineColumnAndValue() throws Exception {
    Path file = csv("y,x\na,1\nb,2\na,oops\nb,4\n");
    DatasetException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetException.class, () -> Dataset.load(file, "y"));
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo("x");
    assertThat(e).hasMessageContaining("line 4, column 'x': value 'oops' is not a number, but 3 of the column's 4 values are");
  }

  @Test
  void load_mostlyTextColumn_isCategorical() throws Exception {
    Path file = csv("y,x\na,red\nb,blue\na,3\nb,green\n");
    assertThat(Dataset.load(file, "y").schema().features().get(0).type()).isEqualTo(FeatureType.CATEGORICAL);
  }

  @Test
  void load_invalidUtf8_failsNamingLine() throws Exception {
    // given: line 3 is 'b,café' written in Latin-1, so 'é' is the lone byte 0xE9 (UTF-8 has C3 A9)
    Path file = dir.resolve("latin1.csv");
    Files.write(file, "y,x\na,1\nb,café\n".getBytes(StandardCharsets.ISO_8859_1));
    byte[] bytes = Files.readAllBytes(file);
    // the fixture is what the test is about: valid up to line 3, one byte there that UTF-8 refuses
    assertThat(new String(bytes, 0, 13, StandardCharsets.UTF_8)).isEqualTo("y,x\na,1\nb,caf");
    assertThat(bytes).hasSize(15).endsWith((byte) 0xE9, (byte) '\n');
    assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)))
        .isInstanceOf(MalformedInputException.class);
    // when / then
    assertThatThrownBy(() -> Dataset.load(file, "y"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("dataset " + file + ", line 3: invalid UTF-8 byte 0xE9 (the file must be UTF-8)");
  }


  @Test
  void load_textAfterClosingQuote_failsNamingLine() throws Exception {
    Path file = csv("y,x\na,1\nb,\"big\" one\n");
    assertThatThrownBy(() -> Dataset.load(file, "y"))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("dataset " + file + ", line 3: text follows the closing '\"' of a quoted value before"
            + " the next ','")
        .hasMessageNotContaining("Exception").hasMessageNotContaining("encapsulated");
  }
}
