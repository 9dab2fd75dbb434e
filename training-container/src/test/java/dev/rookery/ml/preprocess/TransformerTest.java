package dev.rookery.ml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.ml.predict.InvalidRecordException;
import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.schema.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformerTest {
  private final Schema schema = new Schema(1, "y",
      List.of(new Feature("colour", FeatureType.CATEGORICAL), new Feature("size", FeatureType.NUMERIC)), List.of("a", "b"));
  private final Transformer t = Transformer.fit(schema, List.of(
      new String[] {"red", "1"}, new String[] {"blue", "3"}, new String[] {"red", "NA"}, new String[] {"", "5"}));

  @Test
  void fit_categoricalAndNumeric_learnsCategoriesMeanAndStd() {
    // colour was missing in a training row: a missing colour gets its own column
    assertThat(t.outputNames()).containsExactly("colour=blue", "colour=red", "colour=(missing)", "size");
    assertThat(t.steps().get(0)).isEqualTo(new Transformer.CategoricalStep("colour", "red", List.of("blue", "red"), true));
    Transformer.NumericStep size = (Transformer.NumericStep) t.steps().get(1);
    assertThat(size.mean()).isEqualTo(3.0);
    assertThat(size.std()).isCloseTo(Math.sqrt(8.0 / 3), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void transform_missingValues_missingCategoryAndMean() {
    assertThat(t.transform(new String[] {"NA", ""})).containsExactly(0, 0, 1, 0);
  }

  @Test
  void transform_missingInAColumnWithoutMissingTrainingValues_imputesMostFrequent() {
    // given: no colour missing in training, so no missing column
    Transformer complete = Transformer.fit(schema, List.of(
        new String[] {"red", "1"}, new String[] {"blue", "3"}, new String[] {"red", "2"}));
    // when / then
    assertThat(complete.outputNames()).containsExactly("colour=blue", "colour=red", "size");
    assertThat(complete.transform(new String[] {"NA", "2"})).containsExactly(0, 1, 0);
    assertThat(complete.toJson().get("format_version").asInt()).isEqualTo(1);
  }

  @Test
  void fromJson_formatOne_keepsImputingTheMostFrequentCategory() throws Exception {
    // given: a format 1 transformer.json, as artifacts written before the missing column hold
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
        {"format_version": 1,
         "features": [{"name": "colour", "type": "categorical", "most_frequent": "red", "categories": ["blue", "red"]},
                      {"name": "size", "type": "numeric", "mean": 3.0, "std": 1.0}],
         "output_features": ["colour=blue", "colour=red", "size"]}""");
    // when
    Transformer old = Transformer.fromJson(json, "old.json");
    // then
    assertThat(old.outputNames()).containsExactly("colour=blue", "colour=red", "size");
    assertThat(old.transform(new String[] {"", "4"})).containsExactly(0, 1, 1);
  }

  @Test
  void transform_unseenCategory_allZeroOneHot() {
    assertThat(t.transform(new String[] {"green", "3"})).containsExactly(0, 0, 0, 0);
  }

  @Test
  void transform_textInNumeric_invalidRecordNamingFieldAndValue() {
    assertThatThrownBy(() -> t.transform(new String[] {"red", "big"}))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("field 'size' has value 'big': expected a finite number");
  }

  @Test
  void transform_hugeFiniteNumber_invalidRecordNamingFieldValueAndBound() {
    // 1e308 is finite, but standardised and weighted it overflows a linear model's scores
    assertThatThrownBy(() -> t.transform(new String[] {"red", "1e308"}))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("field 'size' has value '1e308': out of range: more than 1000000 standard deviations from the"
            + " training mean 3.0");
    assertThatThrownBy(() -> t.transform(new String[] {"red", "-1.7976931348623157E308"}))
        .isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void transform_farButWithinTheBound_standardised() {
    // given: 999,999 standard deviations above the mean
    double std = ((Transformer.NumericStep) t.steps().get(1)).std();
    String value = String.valueOf(3.0 + 999_999 * std);
    // when / then
    assertThat(t.transform(new String[] {"red", value})[3]).isCloseTo(999_999, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void transform_wrongWidth_illegalArgument() {
    assertThatThrownBy(() -> t.transform(new String[] {"red"})).hasMessage("a record needs 2 values (one per feature), found 1");
  }

  @Test
  void fromJson_roundTrip_sameTransformer() {
    Transformer back = Transformer.fromJson(t.toJson(), "test");
    assertThat(back.toJson()).isEqualTo(t.toJson());
    assertThat(t.toJson().get("format_version").asInt()).isEqualTo(2);
    assertThat(back.transform(new String[] {"", "4"})).containsExactly(t.transform(new String[] {"", "4"}));
    assertThat(back.transform(new String[] {"blue", "4"})).containsExactly(t.transform(new String[] {"blue", "4"}));
  }

  @Test
  void fromJson_unknownVersion_failsNamingIt() {
    var json = t.toJson().put("format_version", 9);
    assertThatThrownBy(() -> Transformer.fromJson(json, "x.json")).hasMessage("x.json: format_version must be 1 or 2, found 9");
  }
}
