package dev.rookery.ml.schema;

/**
 * The two kinds of raw feature Rookery knows. Numeric features are imputed with the mean and
 * standardised; categorical features are imputed with the most frequent value and one-hot encoded.
 *
 * <p>In SageMaker Model Monitor files a numeric feature is {@code Fractional} (or {@code Integral})
 * and a categorical one is {@code String}.
 */
public enum FeatureType {
  NUMERIC,
  CATEGORICAL
}
