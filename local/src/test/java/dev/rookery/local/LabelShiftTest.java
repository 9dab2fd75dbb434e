package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelShiftTest {
  @Test
  void parse_withAndWithoutFraction() {
    assertThat(LabelShift.parse("Adelie=Chinstrap:0.5")).isEqualTo(new LabelShift("Adelie", "Chinstrap", 0.5));
    assertThat(LabelShift.parse("Adelie=Chinstrap")).isEqualTo(new LabelShift("Adelie", "Chinstrap", 1.0));
  }

  @Test
  void parse_badSpec_namesValueAndForm() {
    assertThatThrownBy(() -> LabelShift.parse("Adelie->Chinstrap"))
        .hasMessage("--label-shift must look like CLASS=OTHER_CLASS[:FRACTION] (e.g. Adelie=Chinstrap:0.5),"
            + " found 'Adelie->Chinstrap'");
    assertThatThrownBy(() -> LabelShift.parse("Adelie=Chinstrap:1.5"))
        .hasMessage("--label-shift fraction must be in (0, 1], found 1.5");
  }

  @Test
  void apply_half_relabelsAboutHalfOfThatClassOnly() {
    LabelShift shift = LabelShift.parse("Adelie=Chinstrap:0.5");
    Random random = new Random(1);
    int changed = 0;
    for (int i = 0; i < 10_000; i++) {
      changed += shift.apply("Adelie", random).equals("Chinstrap") ? 1 : 0;
      assertThat(shift.apply("Gentoo", random)).isEqualTo("Gentoo");
    }
    // Binomial(10000, 0.5): sd 50, so 4800..5200 is four sd either side
    assertThat(changed).isBetween(4_800, 5_200);
  }
}
