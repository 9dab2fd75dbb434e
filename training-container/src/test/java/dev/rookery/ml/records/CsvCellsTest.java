package dev.rookery.ml.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {
  @Test
  void readQuoted_doubledQuotesAndSeparators_oneValueAndTheIndexAfterIt() {
    // given: a quoted value holding a comma, a newline and a doubled quote, then the next cell
    String text = "\"Biscoe, \"\"north\"\"\nside\",5";
    StringBuilder cell = new StringBuilder();

    // when
    int next = CsvCells.readQuoted(text, 0, cell);

    // then
    assertThat(cell).hasToString("Biscoe, \"north\"\nside");
    assertThat(next).isEqualTo(text.indexOf(",5"));
  }

  @Test
  void readQuoted_emptyValueMidLine_emptyCell() {
    StringBuilder cell = new StringBuilder();
    assertThat(CsvCells.readQuoted("a,\"\",b", 2, cell)).isEqualTo(4);
    assertThat(cell).isEmpty();
  }

  @Test
  void readQuoted_textEndsInsideTheValue_minusOne() {
    assertThat(CsvCells.readQuoted("\"open", 0, new StringBuilder())).isEqualTo(-1);
    // a closing quote that is really a doubled one does not close it
    assertThat(CsvCells.readQuoted("\"still open\"\"", 0, new StringBuilder())).isEqualTo(-1);
  }
}
