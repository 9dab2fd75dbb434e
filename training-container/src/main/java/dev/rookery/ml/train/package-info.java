/**
 * Training with Tribuo: validated SageMaker-style hyperparameters, the preprocessed training data,
 * and the trainer that turns them into a model.
 */
package dev.rookery.ml.train;
