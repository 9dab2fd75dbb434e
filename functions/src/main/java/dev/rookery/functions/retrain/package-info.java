/**
 * Opt-in retraining: when a drift or model-quality alarm goes to ALARM, start the training pipeline
 * on the newest dataset in the data bucket, at most once per cooldown period, and say so on SNS.
 */
package dev.rookery.functions.retrain;
