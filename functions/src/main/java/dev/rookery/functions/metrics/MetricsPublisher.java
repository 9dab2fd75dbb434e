package dev.rookery.functions.metrics;

import java.util.List;

/** Port: CloudWatch {@code PutMetricData}. */
public interface MetricsPublisher {
  /**
   * Publishes one batch; the caller keeps batches within {@link PublishMetricsService#BATCH_SIZE}.
   *
   * @param namespace the namespace
   * @param batch the metrics
   */
  void publish(String namespace, List<MetricDatum> batch);
}
