package dev.rookery.ml.config;

/**
 * Fractions of the stratified train / validation / test split.
 *
 * @param train fraction of each class in the training split, in (0, 1)
 * @param validation fraction in the validation split, in (0, 1)
 * @param test fraction in the test split, in (0, 1); the three sum to 1 (within 1e-6)
 */
public record SplitFractions(double train, double validation, double test) {
  /** 70 / 15 / 15. */
  public static final SplitFractions DEFAULT = new SplitFractions(0.70, 0.15, 0.15);

  public SplitFractions {
    for (double f : new double[] {train, validation, test}) {
      if (!(f > 0 && f < 1)) {
        throw new IllegalArgumentException(
            "split fractions must each be in (0, 1), found " + train + "/" + validation + "/" + test);
      }
    }
    if (Math.abs(train + validation + test - 1) > 1e-6) {
      throw new IllegalArgumentException(
          "split fractions must sum to 1, found " + train + "+" + validation + "+" + test);
    }
  }

  /** Parses {@code 0.7,0.15,0.15}. */
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
}
