/** Local hyperparameter tuning: trials sampled from the declared SageMaker ranges, run in parallel. */
package dev.rookery.ml.tune;
