/** Evaluation of a model on the test split, written as Model Monitor model-quality {@code evaluation.json}. */
package dev.rookery.ml.evaluate;
