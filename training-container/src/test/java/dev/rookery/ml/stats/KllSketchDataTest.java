package dev.rookery.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class KllSketchDataTest {

  private static KllDoublesSketch sketch(Random random, int n, double shift) {
    KllDoublesSketch s = KllDoublesSketch.newHeapInstance(KllSketchData.DEFAULT_K);
    for (int i = 0; i < n; i++) {
      s.update(random.nextGaussian() + shift);
    }
    return s;
  }

  @Test
  void of_compactedSketch_keepsTotalWeightAndParameters() {
    // given a sketch far past its exact range
    KllDoublesSketch s = sketch(new Random(1), 1_000_000, 0);

    // when
    KllSketchData data = KllSketchData.of(s);

    // then
    assertThat(data.levels().size()).isGreaterThan(1);
    assertThat(data.totalWeight()).isEqualTo(1_000_000);
    assertThat(data.k()).isEqualTo(2048);
    assertThat(data.c()).isEqualTo(2.0 / 3.0);
  }

  @Test
  void cdf_compactedSketch_agreesWithDataSketches() {
    // given
    KllDoublesSketch s = sketch(new Random(2), 200_000, 0);
    double[] splits = {-2, -1, 0, 0.5, 1, 2};

    // when
    double[] ours = KllSketchData.of(s).cdf(splits);

    // then
    double[] theirs = s.getCDF(splits);
    for (int i = 0; i < splits.length; i++) {
      assertThat(ours[i]).as("cdf at %s", splits[i]).isCloseTo(theirs[i], within(1e-9));
    }
  }

  @Test
  void linfDistance_sameDistribution_isSmall() {
    // given
    KllSketchData a = KllSketchData.of(sketch(new Random(3), 100_000, 0));
    KllSketchData b = KllSketchData.of(sketch(new Random(4), 100_000, 0));

    // when
    double d = KllSketchData.linfDistance(a, b);

    // then
    assertThat(d).isLessThan(0.02);
  }

  @Test
  void linfDistance_oneStandardDeviationShift_isTheNormalKsDistance() {
    // given N(0,1) against N(1,1): sup |Phi(x) - Phi(x - 1)| = 2 Phi(0.5) - 1 = 0.3829
    KllSketchData a = KllSketchData.of(sketch(new Random(5), 100_000, 0));
    KllSketchData b = KllSketchData.of(sketch(new Random(6), 100_000, 1));

    // when
    double d = KllSketchData.linfDistance(a, b);

    // then
    assertThat(d).isCloseTo(0.3829, within(0.01));
  }

  @Test
  void linfDistance_exactSmallSamples_isTheKsStatistic() {
    // given
    KllSketchData a = new KllSketchData(2.0 / 3.0, 2048, List.of(List.of(1.0, 2.0, 3.0, 4.0)));
    KllSketchData b = new KllSketchData(2.0 / 3.0, 2048, List.of(List.of(3.0, 4.0)));

    // when / then: at x = 2, F_a = 0.5 and F_b = 0
    assertThat(KllSketchData.linfDistance(a, b)).isEqualTo(0.5);
    assertThat(KllSketchData.linfDistance(a, new KllSketchData(0.5, 2048, List.of()))).isZero();
  }

  @Test
  void constructor_nonFiniteItem_failsNamingTheValue() {
    assertThatThrownBy(() -> new KllSketchData(0.64, 2048, List.of(List.of(1.0, Double.NaN))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite numbers, found NaN");
  }
}
