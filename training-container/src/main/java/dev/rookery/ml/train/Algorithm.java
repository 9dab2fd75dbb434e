package dev.rookery.ml.train;

import java.util.Locale;

/** The learning algorithms, by their {@code algorithm} hyperparameter value. */
public enum Algorithm {
  /** Multinomial logistic regression: Tribuo {@code LinearSGDTrainer}, log loss, AdaGrad. */
  LOGISTIC,
  /** A classification tree: Tribuo {@code CARTClassificationTrainer}, Gini impurity. */
  CART,
  /**
   * A random forest: Tribuo {@code RandomForestTrainer} over CART trees (Gini impurity) grown on
   * bootstrap samples, each split trying a random fraction of the features; majority vote.
   */
  FOREST;

  /** Every hyperparameter value, in declaration order, e.g. {@code [logistic, cart, forest]}. */
  public static final java.util.List<String> VALUES =
      java.util.Arrays.stream(values()).map(Algorithm::value).toList();

  /** The hyperparameter value, e.g. {@code logistic}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
