package dev.rookery.functions.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.exceptions.InvalidDatasetException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvHeaderTest {
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parse_quotedFieldsWithCommasAndEscapedQuotes_splitsAsRfc4180() {
    // when
    CsvHeader header = CsvHeader.parse("s3://b/k", utf8("\"a,b\", \"say \"\"hi\"\"\" ,c\n1,2,3\n"), true);

    // then
    assertThat(header.columns()).containsExactly("a,b", "say \"hi\"", "c");
    assertThat(header.hasDataRow()).isTrue();
  }

  @Test
  void parse_sampleCutInsideMultibyteCharacter_dropsTheBrokenTail() {
    // given
    byte[] full = utf8("espèce,île\nAdélie,Biscoe\n");
    byte[] cut = Arrays.copyOf(full, full.length - 9); // ends inside "é" of Adélie

    // when
    CsvHeader header = CsvHeader.parse("s3://b/k", cut, false);

    // then
    assertThat(header.columns()).containsExactly("espèce", "île");
    assertThat(header.hasDataRow()).isTrue();
  }

  @Test
  void parse_singleLineWholeObject_headerWithoutData() {
    // when
    CsvHeader header = CsvHeader.parse("s3://b/k", utf8("species,island"), true);

    // then
    assertThat(header.columns()).containsExactly("species", "island");
    assertThat(header.hasDataRow()).isFalse();
  }

  @Test
  void parse_binaryContent_rejectedAsNotUtf8() {
    // when / then
    assertThatThrownBy(() -> CsvHeader.parse("s3://b/model.tar.gz",
        new byte[] {(byte) 0x1f, (byte) 0x8b, (byte) 0xff, 0x00, '\n'}, true))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessage("dataset s3://b/model.tar.gz rejected: is not UTF-8 text");
  }

  @Test
  void parse_blankFirstLine_rejected() {
    // when / then
    assertThatThrownBy(() -> CsvHeader.parse("s3://b/k", utf8("\nspecies\n"), true))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("the first line (the header) is empty");
  }

  /** Sample, whether it is the whole object, the columns read, and whether data follows. */
  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("\uFEFFspecies,island\r\nAdelie,Biscoe\r\n", true, List.of("species", "island"), true),
        Arguments.of("\"bill\nlength\",island\n1,2\n", true, List.of("bill\nlength", "island"), true),
        Arguments.of("species,island\n\n   \r\n", true, List.of("species", "island"), false),
        Arguments.of("species,note\nAdelie,\"long quoted", false, List.of("species", "note"), true),
        Arguments.of("species,island\n", false, List.of("species", "island"), true));
  }

  @ParameterizedTest
  @MethodSource("headers")
  void parse_bomCrlfQuotedNewlineBlankTailAndCutSamples_readAsRfc4180(String sample, boolean complete,
      List<String> columns, boolean hasData) {
    // when
    CsvHeader header = CsvHeader.parse("s3://b/k", utf8(sample), complete);

    // then
    assertThat(header.columns()).isEqualTo(columns);
    assertThat(header.hasDataRow()).isEqualTo(hasData);
  }

  /** A header quote that never closes: cut by the sample, or in the whole object. */
  static Stream<Arguments> unclosedQuotes() {
    return Stream.of(
        Arguments.of("species,\"island\n1,2\n", false, "no header line ends within the first 20 bytes"),
        Arguments.of("species,\"island\n", true, "the header has an unterminated quote: species,\"island"));
  }

  @ParameterizedTest
  @MethodSource("unclosedQuotes")
  void parse_headerQuoteNeverCloses_rejected(String sample, boolean complete, String message) {
    // when / then
    assertThatThrownBy(() -> CsvHeader.parse("s3://b/k", utf8(sample), complete))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining(message);
  }
}
