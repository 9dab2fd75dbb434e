/** Local hyperparameter tuning over the declared SageMaker ranges: Random, Grid and Bayesian (TPE) search, trials run in parallel. */
package dev.rookery.ml.tune;
