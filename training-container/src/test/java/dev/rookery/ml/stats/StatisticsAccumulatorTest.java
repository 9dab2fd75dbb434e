package dev.rookery.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsAccumulatorTest {
  private static final List<Feature> FEATURES =
      List.of(new Feature("x", FeatureType.NUMERIC), new Feature("c", FeatureType.CATEGORICAL));

  @Test
  void add_missingMarkers_countAsMissing() {
    // given
    StatisticsAccumulator acc = new StatisticsAccumulator(FEATURES);

    // when
    acc.add(new String[] {null, "NA"});
    acc.add(new String[] {"", " "});
    acc.add(new String[] {"NA", null});
    acc.add(new String[] {"2", "a"});

    // then
    DatasetStatistics s = acc.toStatistics();
    assertThat(s.itemCount()).isEqualTo(4);
    assertThat(s.features()).extracting(FeatureStatistics::numMissing).containsExactly(3L, 3L);
    assertThat(s.features()).extracting(FeatureStatistics::numPresent).containsExactly(1L, 1L);
  }

  @Test
  void toStatistics_numbers_meanSumPopulationStdMinMax() {
    // given
    StatisticsAccumulator acc = new StatisticsAccumulator(FEATURES);
    for (String v : List.of("2", "4", "4", "4", "5", "5", "7", "9")) {
      acc.add(new String[] {v, "a"});
    }

    // when
    NumericFeatureStatistics x = (NumericFeatureStatistics) acc.toStatistics().features().get(0);

    // then
    assertThat(x.inferredType()).isEqualTo(InferredType.INTEGRAL);
    assertThat(x.summary().sum()).isEqualTo(40);
    assertThat(x.summary().mean()).isEqualTo(5);
    assertThat(x.summary().stdDev()).isCloseTo(2.0, within(1e-12));
    assertThat(x.summary().min()).isEqualTo(2);
    assertThat(x.summary().max()).isEqualTo(9);
    assertThat(x.distribution().buckets()).hasSize(10);
    assertThat(x.distribution().buckets().stream().mapToDouble(KllBucket::count).sum()).isEqualTo(8);
    assertThat(x.distribution().buckets().get(0).count()).isEqualTo(1); // [2, 2.7]
    assertThat(x.distribution().buckets().get(9).count()).isEqualTo(1); // (8.3, 9]
  }

  @Test
  void toStatistics_oneFractionalValue_makesTheFeatureFractional() {
    // given
    StatisticsAccumulator acc = new StatisticsAccumulator(FEATURES);
    acc.add(new String[] {"3", "a"});
    acc.add(new String[] {"3.5", "a"});

    // when / then
    assertThat(acc.toStatistics().features().get(0).inferredType()).isEqualTo(InferredType.FRACTIONAL);
  }

  @Test
  void toStatistics_textInNumericColumn_countedAsPresentNonNumeric() {
    // given
    StatisticsAccumulator acc = new StatisticsAccumulator(FEATURES);
    acc.add(new String[] {"heavy", "a"});
    acc.add(new String[] {"NaN", "a"});
    acc.add(new String[] {"1.5", "a"});

    // when
    NumericFeatureStatistics x = (NumericFeatureStatistics) acc.toStatistics().features().get(0);

    // then
    assertThat(x.numPresent()).isEqualTo(3);
    assertThat(x.numNonNumeric()).isEqualTo(2);
    assertThat(x.inferredType()).isEqualTo(InferredType.STRING);
    assertThat(x.summary().mean()).isEqualTo(1.5);
  }

  @Test
  void toStatistics_categories_mostFrequentFirstWithDistinctCount() {
    // given
    StatisticsAccumulator acc = new StatisticsAccumulator(FEATURES);
    for (String c : List.of("b", "a", "b", "c", "a", "b")) {
      acc.add(new String[] {"1", c});
    }

    // when
    StringFeatureStatistics c = (StringFeatureStatistics) acc.toStatistics().features().get(1);

    // then
    assertThat(c.distinctCount()).isEqualTo(3);
    assertThat(c.buckets()).containsExactly(
        new CategoricalBucket("b", 3), new CategoricalBucket("a", 2), new CategoricalBucket("c", 1));
  }

  @Test
  void toStatistics_moreCategoriesThanTracked_estimatesDistinctCount() {
    // given
    StatisticsAccumulator acc = new StatisticsAccumulator(FEATURES);
    int n = StatisticsAccumulator.MAX_TRACKED_CATEGORIES + 5_000;
    for (int i = 0; i < n; i++) {
      acc.add(new String[] {"1", "v" + i});
    }

    // when
    StringFeatureStatistics c = (StringFeatureStatistics) acc.toStatistics().features().get(1);

    // then
    assertThat(c.buckets()).hasSize(StatisticsAccumulator.MAX_TRACKED_CATEGORIES);
    assertThat((double) c.distinctCount()).isCloseTo(n, within(n * 0.05));
  }

  @Test
  void toStatistics_noRecords_zeroItemsAndEmptyDistributions() {
    // when
    DatasetStatistics s = new StatisticsAccumulator(FEATURES).toStatistics();

    // then
    assertThat(s.itemCount()).isZero();
    NumericFeatureStatistics x = (NumericFeatureStatistics) s.features().get(0);
    assertThat(x.distribution().buckets()).isEmpty();
    assertThat(x.distribution().sketch().isEmpty()).isTrue();
  }
}
