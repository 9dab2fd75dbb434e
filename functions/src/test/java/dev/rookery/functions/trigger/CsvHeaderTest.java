package dev.rookery.functions.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.exceptions.InvalidDatasetException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

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

  @Test
  void parse_bomAndCrlf_namesWithoutEitherAndDataSeen() {
    // when
    CsvHeader header = CsvHeader.parse("s3://b/k", utf8("\uFEFFspecies,island\r\nAdelie,Biscoe\r\n"), true);

    // then
    assertThat(header.columns()).containsExactly("species", "island");
    assertThat(header.hasDataRow()).isTrue();
  }

  @Test
  void parse_quotedNewlineInHeader_oneHeaderRecord() {
    // when
    CsvHeader header = CsvHeader.parse("s3://b/k", utf8("\"bill\nlength\",island\n1,2\n"), true);

    // then
    assertThat(header.columns()).containsExactly("bill\nlength", "island");
    assertThat(header.hasDataRow()).isTrue();
  }

  @Test
  void parse_onlyBlankLinesAfterHeader_noDataRow() {
    // when
    CsvHeader header = CsvHeader.parse("s3://b/k", utf8("species,island\n\n   \r\n"), true);

    // then
    assertThat(header.hasDataRow()).isFalse();
  }

  @Test
  void parse_sampleCutInsideQuotedDataField_hasDataRow() {
    // when
    CsvHeader header = CsvHeader.parse("s3://b/k", utf8("species,note\nAdelie,\"long quoted"), false);

    // then
    assertThat(header.columns()).containsExactly("species", "note");
    assertThat(header.hasDataRow()).isTrue();
  }

  @Test
  void parse_sampleCutInsideHeaderQuote_noHeaderLineWithinSample() {
    // when / then
    assertThatThrownBy(() -> CsvHeader.parse("s3://b/k", utf8("species,\"island\n1,2\n"), false))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("no header line ends within the first 20 bytes");
  }

  @Test
  void parse_unterminatedHeaderQuoteInWholeObject_rejectedNamingTheHeader() {
    // when / then
    assertThatThrownBy(() -> CsvHeader.parse("s3://b/k", utf8("species,\"island\n"), true))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("the header has an unterminated quote: species,\"island");
  }
}
