package dev.rookery.functions.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * One metric value, PutMetricData-shaped.
 *
 * @param name {@code MetricName}
 * @param timestamp {@code Timestamp}
 * @param dimensions {@code Dimensions}, name to value, in file order
 * @param value {@code Value}, or {@code null} when {@code statistics} is given
 * @param statistics {@code StatisticValues}, or {@code null}
 * @param unit {@code Unit}, or {@code null} (CloudWatch's {@code None})
 */
public record MetricDatum(String name, Instant timestamp, Map<String, String> dimensions,
    Double value, Statistics statistics, String unit) {
  /** Validates: exactly one of value and statistics. */
  public MetricDatum {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("MetricName must not be blank");
    }
    if ((value == null) == (statistics == null)) {
      throw new IllegalArgumentException("metric " + name
          + " needs exactly one of Value and StatisticValues");
    }
    dimensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dimensions));
  }

  /**
   * {@code StatisticValues}.
   *
   * @param sampleCount {@code SampleCount}
   * @param sum {@code Sum}
   * @param minimum {@code Minimum}
   * @param maximum {@code Maximum}
   */
  public record Statistics(double sampleCount, double sum, double minimum, double maximum) {}
}
