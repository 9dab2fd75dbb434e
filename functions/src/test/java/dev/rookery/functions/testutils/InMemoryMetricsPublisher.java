package dev.rookery.functions.testutils;

import dev.rookery.functions.metrics.MetricDatum;
import dev.rookery.functions.metrics.MetricsPublisher;
import java.util.ArrayList;
import java.util.List;

/** {@link MetricsPublisher} that keeps each batch. */
public final class InMemoryMetricsPublisher implements MetricsPublisher {
  /**
   * @param namespace namespace
   * @param metrics the batch
   */
  public record Batch(String namespace, List<MetricDatum> metrics) {}

  /** Every batch, in order. */
  public final List<Batch> batches = new ArrayList<>();

  @Override
  public void publish(String namespace, List<MetricDatum> batch) {
    batches.add(new Batch(namespace, List.copyOf(batch)));
  }
}
