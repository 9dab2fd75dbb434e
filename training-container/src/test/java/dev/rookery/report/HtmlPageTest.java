package dev.rookery.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlPageTest {
  @TempDir Path dir;

  @Test
  void write_textFromData_escapedEverywhereAndNothingFetched() throws Exception {
    // given
    String hostile = "<iframe onload=alert(1)>";
    HtmlPage page = new HtmlPage("Report " + hostile).subtitle(hostile);
    page.section("Numbers " + hostile).paragraph(hostile)
        .table("t", "caption " + hostile, List.of("name", "value"), List.of(List.of(hostile, "1")));
    page.section("Charts").charts(List.of(Charts.bars("b", List.of("x"), new double[] {1}, 0, 1,
        java.util.OptionalDouble.empty(), "")));

    // when
    page.write(dir.resolve("page.html"));

    // then
    String html = Files.readString(dir.resolve("page.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<iframe").doesNotContain("<script")
        .doesNotContain("src=").doesNotContain("href=").doesNotContain("url(").doesNotContain("@import")
        .doesNotContain("<link");
    assertThat(html).contains("<title>Report &lt;iframe onload=alert(1)&gt;</title>")
        .contains("<tr><th>&lt;iframe onload=alert(1)&gt;</th><td>1</td></tr>");
    assertThat(html.split("<section>", -1)).hasSize(3);
    assertThat(html.split("</section>", -1)).hasSize(3);
    assertThat(html.split("<style>", -1)).hasSize(2);
    assertThat(html).contains("<div class=\"charts\">\n<figure class=\"chart\">\n<svg class=\"chart chart-bars\"");
    assertThat(dir.toFile().list()).containsExactly("page.html");
  }

  @Test
  void table_rowOfTheWrongLength_failsNamingTableAndRow() {
    assertThatThrownBy(() -> new HtmlPage("p").table("per-class", "c", List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table per-class: row 1 has 1 cells for 2 columns");
  }
}
