package dev.rookery.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Model Monitor's names for the enums of its JSON files, read and written by one rule. */
class WireNamesTest {
  @Test
  void wireName_everyValue_isModelMonitorsNameAndReadsBack() {
    // then
    assertThat(InferredType.values()).extracting(InferredType::wireName)
        .containsExactly("Fractional", "Integral", "String", "Unknown");
    assertThat(ComparisonMethod.values()).extracting(ComparisonMethod::wireName)
        .containsExactly("Simple", "Robust");
    for (InferredType t : InferredType.values()) {
      assertThat(InferredType.fromWireName(t.wireName())).isEqualTo(t);
    }
    for (ComparisonMethod m : ComparisonMethod.values()) {
      assertThat(ComparisonMethod.fromWireName(m.wireName())).isEqualTo(m);
    }
  }

  @Test
  void fromWireName_unknownName_messageNamesFieldAllowedNamesAndValue() {
    // when / then
    assertThatThrownBy(() -> InferredType.fromWireName("FRACTIONAL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inferred_type must be Fractional, Integral, String or Unknown, found 'FRACTIONAL'");
    assertThatThrownBy(() -> ComparisonMethod.fromWireName("linf_robust"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("comparison_method must be Simple or Robust, found 'linf_robust'");
  }
}
