package dev.rookery.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassMetricsTest {

  @Test
  void of_confusionMatrix_precisionRecallF1WorkedOutByHand() {
    // given: 6 a (5 right, 1 called b), 4 b (all right), no c at all
    long[][] confusion = {{5, 1, 0}, {0, 4, 0}, {0, 0, 0}};

    // when
    ClassMetrics m = ClassMetrics.of(List.of("a", "b", "c"), confusion);

    // then: precision = right / predicted as the class, recall = right / actually the class
    assertThat(m.precision()).containsExactly(new double[] {1.0, 0.8, 0.0}, within(1e-12));
    assertThat(m.recall()).containsExactly(new double[] {5.0 / 6, 1.0, 0.0}, within(1e-12));
    assertThat(m.f1()).containsExactly(new double[] {10.0 / 11, 8.0 / 9, 0.0}, within(1e-12));
    assertThat(m.support(0)).isEqualTo(6);
    assertThat(m.charts()).hasSize(2);
    assertThat(m.charts().get(0)).contains("chart-heatmap");
    assertThat(m.charts().get(1)).contains("chart-bars");
  }

  @Test
  void of_rowsAndClassesDisagree_namesBoth() {
    assertThatThrownBy(() -> ClassMetrics.of(List.of("a", "b"), new long[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the confusion matrix has 1 rows for 2 classes");
  }
}
