package dev.rookery.ml.train;

import java.util.Locale;

/** The learning algorithms, by their {@code algorithm} hyperparameter value. */
public enum Algorithm {
  /** Multinomial logistic regression: Tribuo {@code LinearSGDTrainer}, log loss, AdaGrad, no penalty. */
  LOGISTIC,
  /**
   * L2-regularised logistic regression (one-vs-rest), solved by LIBLINEAR (Tribuo
   * {@code LibLinearClassificationTrainer}, {@code L2R_LR}), cost {@code c}: scikit-learn's
   * {@code LogisticRegression} default penalty.
   */
  LOGISTIC_L2,
  /** A classification tree: Tribuo {@code CARTClassificationTrainer}, Gini impurity. */
  CART,
  /**
   * A random forest: Tribuo {@code RandomForestTrainer} over CART trees (Gini impurity) grown on
   * bootstrap samples, each split trying a random fraction of the features; majority vote.
   */
  FOREST;

  /** Every hyperparameter value, in declaration order, e.g. {@code [logistic, logistic_l2, cart, forest]}. */
  public static final java.util.List<String> VALUES =
      java.util.Arrays.stream(values()).map(Algorithm::value).toList();

  /** The hyperparameter value, e.g. {@code logistic}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
