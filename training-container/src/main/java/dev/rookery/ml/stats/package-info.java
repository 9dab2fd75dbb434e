/**
 * SageMaker Model Monitor data-quality files: the {@code statistics.json} and
 * {@code constraints.json} model, their one-pass computation over raw records, and their JSON
 * form. The preprocess step writes the training baseline with {@link
 * dev.rookery.ml.stats.BaselineWriter}; the drift monitor computes the same statistics for a
 * window of captured traffic and compares them with the baseline.
 */
package dev.rookery.ml.stats;
