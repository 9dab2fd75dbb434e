package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {
  @TempDir Path dir;

  @Test
  void write_modelMonitorEvaluation_rendersPerClassFromTheConfusionMatrix() throws Exception {
    // given: 10 Adelie (1 predicted Gentoo), 5 Gentoo all right
    Path json = dir.resolve("evaluation.json");
    Files.writeString(json, """
        {"multiclass_classification_metrics": {
          "accuracy": {"value": 0.9333, "standard_deviation": 0.01},
          "confusion_matrix": {"Adelie": {"Adelie": 9, "Gentoo": 1}, "Gentoo": {"Adelie": 0, "Gentoo": 5}}}}""");
    Path html = dir.resolve("evaluation.html");

    // when
    EvaluationReport.write(json, html, "run <r1>");

    // then
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http");
    assertThat(page).contains("run &lt;r1&gt;").contains("<th>accuracy</th><td>0.9333</td>");
    // Adelie: precision 9/9, recall 9/10; Gentoo: precision 5/6, recall 5/5
    assertThat(page).contains("<tr><th>Adelie</th><td>1.0000</td><td>0.9000</td><td>0.9474</td><td>10</td></tr>");
    assertThat(page).contains("<tr><th>Gentoo</th><td>0.8333</td><td>1.0000</td><td>0.9091</td><td>5</td></tr>");
    assertThat(page).contains("<td class=\"off\">1</td>");
  }

  @Test
  void write_noConfusionMatrix_failsNamingTheFileAndWritesNothing() throws Exception {
    // given
    Path json = dir.resolve("evaluation.json");
    Files.writeString(json, "{\"multiclass_classification_metrics\": {\"accuracy\": {\"value\": 1.0}}}");
    Path html = dir.resolve("evaluation.html");

    // when / then
    assertThatThrownBy(() -> EvaluationReport.write(json, html, "x"))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining(json.toString());
    assertThat(html).doesNotExist();
  }
}
