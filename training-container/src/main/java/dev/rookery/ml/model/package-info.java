/**
 * The model artifact ({@code /opt/ml/model}, and {@code model.tar.gz} of it): writing it, and
 * {@link dev.rookery.ml.model.ModelBundle}, the loader that predicts raw records.
 */
package dev.rookery.ml.model;
