package dev.rookery.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Fractions of the stratified train / validation / test split ({@code split} in
 * {@code pipeline.json}).
 *
 * @param train fraction of each class in the training split, in (0, 1)
 * @param validation fraction in the validation split, in (0, 1)
 * @param test fraction in the test split, in (0, 1); the three sum to 1 (within 1e-6)
 * @throws SettingsException listing every broken rule (paths {@code train}, {@code validation},
 *     {@code test}, and the block itself for the sum)
 */
public record SplitFractions(double train, double validation, double test) {
  /** 70 / 15 / 15: the default {@code split}. */
  public static final SplitFractions DEFAULT = new SplitFractions(0.70, 0.15, 0.15);

  public SplitFractions {
    List<Problem> problems = problems(train, validation, test);
    if (!problems.isEmpty()) {
      throw new SettingsException("", problems);
    }
  }

  /** The rules, for a block that may lack fractions ({@code null}: reported by the reader). */
  static List<Problem> problems(Double train, Double validation, Double test) {
    List<Problem> problems = new ArrayList<>();
    fraction("train", train, problems);
    fraction("validation", validation, problems);
    fraction("test", test, problems);
    if (problems.isEmpty() && train != null && validation != null && test != null
        && Math.abs(train + validation + test - 1) > 1e-6) {
      problems.add(new Problem("", "train + validation + test must sum to 1, found "
          + train + " + " + validation + " + " + test));
    }
    return problems;
  }

  private static void fraction(String name, Double value, List<Problem> problems) {
    if (value != null && !(value > 0 && value < 1)) {
      problems.add(new Problem(name, "must be more than 0 and less than 1, found " + value));
    }
  }

  /**
   * Parses a command-line value.
   *
   * @param text {@code 0.7,0.15,0.15}
   * @throws IllegalArgumentException if it is not three fractions that pass the rules above
   */
  public static SplitFractions parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 3) {
      throw new IllegalArgumentException("split must be three fractions like 0.7,0.15,0.15, found '" + text + "'");
    }
    try {
      return new SplitFractions(
          Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()), Double.parseDouble(parts[2].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("split must be three fractions like 0.7,0.15,0.15, found '" + text + "'", e);
    }
  }

  Object toJson() {
    return PipelineSettings.object("train", train, "validation", validation, "test", test);
  }
}
