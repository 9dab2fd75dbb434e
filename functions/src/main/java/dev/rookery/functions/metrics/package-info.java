/**
 * Publish monitoring metrics: reads the monitor mode's {@code cloudwatch_metrics.json} and publishes
 * it with {@code PutMetricData}, under the names and dimensions Model Monitor uses, so the same
 * alarms work for both monitoring engines.
 */
package dev.rookery.functions.metrics;
