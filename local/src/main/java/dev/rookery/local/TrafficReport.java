package dev.rookery.local;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code rookery traffic} measured.
 *
 * @param sent requests sent
 * @param succeeded requests answered 2xx
 * @param failed requests answered otherwise or not answered
 * @param statusCounts answers per HTTP status ({@code 0} = no answer)
 * @param p50 median latency
 * @param p90 90th percentile latency
 * @param p99 99th percentile latency
 * @param max slowest request
 * @param elapsed wall time of the whole run
 * @param sampleErrors up to three failed answers (status and body, or the I/O error), to show why
 */
public record TrafficReport(
    int sent,
    int succeeded,
    int failed,
    Map<Integer, Integer> statusCounts,
    Duration p50,
    Duration p90,
    Duration p99,
    Duration max,
    Duration elapsed,
    List<String> sampleErrors) {
  public TrafficReport {
    statusCounts = Map.copyOf(statusCounts);
    sampleErrors = List.copyOf(sampleErrors);
    if (succeeded + failed != sent) {
      throw new IllegalArgumentException(
          "succeeded + failed must equal sent, found " + succeeded + " + " + failed + " != " + sent);
    }
  }

  /** Builds a report from per-request latencies in nanoseconds and statuses. */
  static TrafficReport of(long[] latencyNanos, int[] statuses, Duration elapsed, List<String> errors) {
    Map<Integer, Integer> counts = new TreeMap<>();
    int ok = 0;
    for (int s : statuses) {
      counts.merge(s, 1, Integer::sum);
      if (s >= 200 && s < 300) {
        ok++;
      }
    }
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    return new TrafficReport(
        statuses.length,
        ok,
        statuses.length - ok,
        counts,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted.length == 0 ? Duration.ZERO : Duration.ofNanos(sorted[sorted.length - 1]),
        elapsed,
        errors);
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
