package dev.rookery.functions.metrics;

import dev.rookery.functions.common.ObjectReader;
import dev.rookery.functions.common.S3Location;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.exceptions.InvalidMetricsFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code cloudwatch_metrics.json} and publishes it in batches. The whole file is parsed and
 * checked before the first call, so a bad file publishes nothing.
 *
 * @param defaultNamespace used when the file names none ({@code METRICS_NAMESPACE})
 * @param objects reads the file
 * @param publisher publishes
 */
public record PublishMetricsService(
    String defaultNamespace, ObjectReader objects, MetricsPublisher publisher) {
  /** PutMetricData takes up to 1000 metrics per call (raised from 20 in 2023). */
  public static final int BATCH_SIZE = 1000;
  /** Largest metrics file read: far above what one monitoring run writes. */
  public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(PublishMetricsService.class);

  /**
   * @param metricsUri {@code s3://.../cloudwatch_metrics.json}
   * @return the number of metrics published
   */
  public int publish(String metricsUri) {
    S3Location location;
    try {
      location = S3Location.parse(metricsUri);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException("metricsUri", e.getMessage());
    }
    ObjectReader.ObjectSample file = objects.readStart(location, null, MAX_FILE_BYTES);
    if (!file.complete()) {
      throw new InvalidMetricsFileException(metricsUri, "larger than " + MAX_FILE_BYTES + " bytes ("
          + file.totalSize() + ")");
    }
    MetricsFile metrics = MetricsFile.parse(metricsUri, file.bytes());
    String namespace = metrics.namespace() != null ? metrics.namespace() : defaultNamespace;
    for (int from = 0; from < metrics.metrics().size(); from += BATCH_SIZE) {
      int to = Math.min(from + BATCH_SIZE, metrics.metrics().size());
      publisher.publish(namespace, metrics.metrics().subList(from, to));
    }
    LOG.info("published " + metrics.metrics().size() + " metrics to " + namespace + " from "
        + metricsUri);
    return metrics.metrics().size();
  }
}
