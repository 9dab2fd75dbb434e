package dev.rookery.ml.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.testutils.QualityFixtures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelQualityFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void writeBaseline_tenPairsByHand_filesMatchGoldenAndThresholdIsAccuracyMinusTolerance() throws Exception {
    // when: accuracy 0.7, tolerance 0.05
    Path constraints = QualityFixtures.writeBaseline(tmp, QualityFixtures.tenByHand(), 0.05);

    // then
    assertThat(constraints).isEqualTo(tmp.resolve("model-quality/constraints.json"));
    assertThat(JSON.readTree(constraints.toFile())).isEqualTo(golden("baseline-constraints.json"));
    assertThat(JSON.readTree(tmp.resolve("model-quality/statistics.json").toFile())).isEqualTo(golden("baseline-statistics.json"));
    ModelQualityFiles.Constraints read = ModelQualityFiles.readConstraints(constraints);
    assertThat(read.accuracyThreshold()).isEqualTo(0.7 - 0.05);
    assertThat(read.classes()).containsExactly("Adelie", "Chinstrap", "Gentoo");
    assertThat(read.baselineAccuracy()).isEqualTo(0.7);
  }

  @Test
  void readConstraints_noClasses_namesFileAndField() throws Exception {
    Path file = Files.writeString(tmp.resolve("c.json"),
        "{\"multiclass_classification_constraints\": {\"accuracy\": {\"threshold\": 0.9}}}");
    assertThatThrownBy(() -> ModelQualityFiles.readConstraints(file))
        .hasMessage("model-quality constraints " + file + ": classes must be a non-empty array of the model's classes,"
            + " found null");
  }

  @Test
  void readConstraints_userAddedGreaterThanThreshold_isChecked() throws Exception {
    Path file = Files.writeString(tmp.resolve("c.json"), "{\"multiclass_classification_constraints\": {"
        + "\"weighted_f1\": {\"threshold\": 0.5, \"comparison_operator\": \"GreaterThanThreshold\"}}, \"classes\": [\"a\"]}");
    ModelQualityFiles.Constraint c = ModelQualityFiles.readConstraints(file).constraints().get(0);
    assertThat(c.violatedBy(0.6)).isTrue();
    assertThat(c.violatedBy(0.5)).isFalse();
  }

  private static JsonNode golden(String name) throws Exception {
    try (InputStream in = ModelQualityFilesTest.class.getResourceAsStream("/quality/" + name)) {
      return JSON.readTree(in);
    }
  }
}
