package dev.rookery.ml.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
  // actual:    a a a a b b c c c c
  // predicted: a a a b b a c c c a
  private final Evaluation e = Evaluator.of(List.of("a", "b", "c"),
      new int[] {0, 0, 0, 0, 1, 1, 2, 2, 2, 2}, new int[] {0, 0, 0, 1, 1, 0, 2, 2, 2, 0});

  @Test
  void of_handComputedExample_metricsMatch() {
    assertThat(e.accuracy()).isEqualTo(0.7);
    // per class: a P=3/5 R=3/4; b P=1/2 R=1/2; c P=1 R=3/4
    assertThat(e.perClass().get("a").precision()).isEqualTo(0.6);
    assertThat(e.metrics().get("weighted_recall").value()).isCloseTo(0.7, within(1e-12));
    assertThat(e.metrics().get("weighted_precision").value()).isCloseTo(0.4 * 0.6 + 0.2 * 0.5 + 0.4 * 1.0, within(1e-12));
    double f1a = 2 * 0.6 * 0.75 / 1.35;
    double f1c = 2 * 0.75 / 1.75;
    assertThat(e.metrics().get("weighted_f1").value()).isCloseTo(0.4 * f1a + 0.2 * 0.5 + 0.4 * f1c, within(1e-12));
    assertThat(e.metrics().get("accuracy_best_constant_classifier").value()).isEqualTo(0.4);
    assertThat(e.metrics().get("weighted_precision_best_constant_classifier").value()).isCloseTo(0.16, within(1e-12));
    assertThat(e.confusion()[0]).containsExactly(3, 1, 0);
    assertThat(e.metrics().get("accuracy").standardDeviation()).isNaN();
  }

  @Test
  void write_modelMonitorShape_gateReadsAccuracy(@TempDir Path dir) throws Exception {
    var json = new ObjectMapper().readTree(Evaluator.write(e, dir).toFile());
    assertThat(json.at("/multiclass_classification_metrics/accuracy/value").asDouble()).isEqualTo(0.7);
    assertThat(json.at("/multiclass_classification_metrics/accuracy/standard_deviation").asText()).isEqualTo("NaN");
    assertThat(json.at("/multiclass_classification_metrics/confusion_matrix/c/a").asInt()).isEqualTo(1);
    assertThat(json.at("/multiclass_classification_metrics/weighted_f0_5").isObject()).isTrue();
    assertThat(json.at("/per_class/b/support").asInt()).isEqualTo(2);
    assertThat(json.at("/item_count").asInt()).isEqualTo(10);
  }

  @Test
  void of_atLeast200Items_standardDeviationFromSubsamples() {
    int[] actual = new int[300];
    int[] predicted = new int[300];
    for (int i = 0; i < 300; i++) {
      actual[i] = i % 2;
      predicted[i] = i % 7 == 0 ? 1 - actual[i] : actual[i];
    }
    Evaluation big = Evaluator.of(List.of("x", "y"), actual, predicted);
    assertThat(big.metrics().get("accuracy").standardDeviation()).isGreaterThan(0).isLessThan(0.05);
  }
}
