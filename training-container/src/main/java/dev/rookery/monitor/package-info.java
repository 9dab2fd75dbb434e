/**
 * The drift monitor: the image's {@code monitor} mode. Reads SageMaker data capture for a time
 * window, computes the window's Model Monitor statistics, checks them against the baseline
 * statistics and constraints, and writes {@code constraint_violations.json}, an HTML report and
 * CloudWatch metrics, following Model Monitor's bring-your-own-container contract.
 */
package dev.rookery.monitor;
