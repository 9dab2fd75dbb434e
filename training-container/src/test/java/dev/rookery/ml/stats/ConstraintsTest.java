package dev.rookery.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
  @Test
  void suggest_statistics_typesDomainsNonNegativityAndCompletenessLowerBound() {
    // given 100 records: x has 10 missing and a negative value, c is complete
    StatisticsAccumulator acc = new StatisticsAccumulator(
        List.of(new Feature("x", FeatureType.NUMERIC), new Feature("c", FeatureType.CATEGORICAL)));
    for (int i = 0; i < 100; i++) {
      acc.add(new String[] {i < 10 ? "NA" : String.valueOf(i - 11), i % 2 == 0 ? "even" : "odd"});
    }

    // when
    Constraints c = Constraints.suggest(acc.toStatistics());

    // then
    FeatureConstraints x = c.feature("x").orElseThrow();
    assertThat(x.inferredType()).isEqualTo(InferredType.INTEGRAL);
    assertThat(x.isNonNegative()).isFalse();
    // 0.9 - 1.96 * sqrt(0.9 * 0.1 / 100) = 0.8412, rounded down to two decimals as Deequ
    assertThat(x.completeness()).isEqualTo(0.84);
    assertThat(x.domains()).isNull();
    FeatureConstraints cat = c.feature("c").orElseThrow();
    assertThat(cat.completeness()).isEqualTo(1.0);
    assertThat(cat.domains()).containsExactly("even", "odd");
    assertThat(cat.isNonNegative()).isNull();
    assertThat(c.monitoringConfig()).isEqualTo(MonitoringConfig.defaults());
  }

  @Test
  void suggest_highCardinality_noDomain() {
    // given
    StatisticsAccumulator acc = new StatisticsAccumulator(List.of(new Feature("id", FeatureType.CATEGORICAL)));
    for (int i = 0; i <= Constraints.MAX_DOMAIN_SIZE; i++) {
      acc.add(new String[] {"id" + i});
    }

    // when / then
    assertThat(Constraints.suggest(acc.toStatistics()).feature("id").orElseThrow().domains()).isNull();
  }

  @Test
  void suggest_sexOfThePenguinsTrainSplit_deequBoundRoundedDownToTwoDecimals() {
    // given: 232 of 240 values present (the train split's sex column)
    StatisticsAccumulator acc = new StatisticsAccumulator(List.of(new Feature("sex", FeatureType.CATEGORICAL)));
    for (int i = 0; i < 240; i++) {
      acc.add(new String[] {i < 8 ? "NA" : "male"});
    }

    // when
    double completeness = Constraints.suggest(acc.toStatistics()).feature("sex").orElseThrow().completeness();

    // then: 0.9667 - 1.96 * sqrt(0.9667 * 0.0333 / 240) = 0.9439, written as Deequ writes it
    assertThat(completeness).isEqualTo(0.94);
  }

  @Test
  void suggest_completenessAtMostOneFifth_noLowerBound() {
    // given: 20 of 100 present
    StatisticsAccumulator acc = new StatisticsAccumulator(List.of(new Feature("rare", FeatureType.NUMERIC)));
    for (int i = 0; i < 100; i++) {
      acc.add(new String[] {i < 20 ? "1" : ""});
    }

    // when / then: Deequ's RetainCompletenessRule applies above 0.2 only
    assertThat(Constraints.suggest(acc.toStatistics()).feature("rare").orElseThrow().completeness()).isZero();
  }
}
