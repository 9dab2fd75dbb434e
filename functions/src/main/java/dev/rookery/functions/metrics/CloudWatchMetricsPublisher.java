package dev.rookery.functions.metrics;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum.Builder;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * {@link MetricsPublisher} over the SDK's CloudWatch client.
 *
 * @param cloudWatch the client
 */
public record CloudWatchMetricsPublisher(CloudWatchClient cloudWatch) implements MetricsPublisher {
  @Override
  public void publish(String namespace, List<MetricDatum> batch) {
    cloudWatch.putMetricData(b -> b.namespace(namespace)
        .metricData(batch.stream().map(CloudWatchMetricsPublisher::toSdk).toList()));
  }

  private static software.amazon.awssdk.services.cloudwatch.model.MetricDatum toSdk(MetricDatum m) {
    Builder b = software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder()
        .metricName(m.name())
        .timestamp(m.timestamp())
        .dimensions(m.dimensions().entrySet().stream()
            .map((Map.Entry<String, String> e) ->
                Dimension.builder().name(e.getKey()).value(e.getValue()).build())
            .toList())
        .unit(m.unit());
    if (m.statistics() != null) {
      b.statisticValues(StatisticSet.builder()
          .sampleCount(m.statistics().sampleCount())
          .sum(m.statistics().sum())
          .minimum(m.statistics().minimum())
          .maximum(m.statistics().maximum())
          .build());
    } else {
      b.value(m.value());
    }
    return b.build();
  }
}
