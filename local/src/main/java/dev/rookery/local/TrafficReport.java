package dev.rookery.local;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code rookery traffic} measured.
 *
 * @param statusCounts answers per HTTP status ({@code 0} = no answer), one per request sent
 * @param latency the requests' latencies
 * @param elapsed wall time of the whole run
 * @param sampleErrors up to three failed answers (status and body, or the I/O error), to show why
 */
public record TrafficReport(
    Map<Integer, Integer> statusCounts, Latency latency, Duration elapsed, List<String> sampleErrors) {
  public TrafficReport {
    statusCounts = Map.copyOf(statusCounts);
    sampleErrors = List.copyOf(sampleErrors);
  }

  /**
   * Latency percentiles (nearest rank).
   *
   * @param p50 median latency
   * @param p90 90th percentile latency
   * @param p99 99th percentile latency
   * @param max slowest request
   */
  public record Latency(Duration p50, Duration p90, Duration p99, Duration max) {}

  /** Requests sent. */
  public int sent() {
    return statusCounts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Requests answered 2xx. */
  public int succeeded() {
    return statusCounts.entrySet().stream()
        .filter(e -> e.getKey() >= 200 && e.getKey() < 300)
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** Requests answered otherwise or not answered. */
  public int failed() {
    return sent() - succeeded();
  }

  /** Builds a report from per-request latencies in nanoseconds and statuses. */
  static TrafficReport of(long[] latencyNanos, int[] statuses, Duration elapsed, List<String> errors) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (int s : statuses) {
      counts.merge(s, 1, Integer::sum);
    }
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    Latency latency = new Latency(percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
        sorted.length == 0 ? Duration.ZERO : Duration.ofNanos(sorted[sorted.length - 1]));
    return new TrafficReport(counts, latency, elapsed, errors);
  }

  /** Nearest-rank percentile of sorted values. */
  static Duration percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return Duration.ZERO;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
  }
}
