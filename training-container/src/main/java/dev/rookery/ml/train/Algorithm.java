package dev.rookery.ml.train;

import java.util.Locale;

/** The learning algorithms, by their {@code algorithm} hyperparameter value. */
public enum Algorithm {
  /** Multinomial logistic regression: Tribuo {@code LinearSGDTrainer}, log loss, AdaGrad. */
  LOGISTIC,
  /** A classification tree: Tribuo {@code CARTClassificationTrainer}, Gini impurity. */
  CART;

  /** The hyperparameter value, e.g. {@code logistic}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
