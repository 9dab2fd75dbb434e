/** Prometheus text exposition (format 0.0.4), shared by the inference server and the monitor. */
package dev.rookery.metrics;
