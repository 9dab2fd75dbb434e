package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficReportTest {
  @Test
  void of_statusesAndLatencies_countsFromStatusesAndNearestRankPercentiles() {
    // given: ten requests, 1..10 ms; two answered 500, one not at all
    long[] latencies = new long[10];
    for (int i = 0; i < 10; i++) {
      latencies[i] = (10 - i) * 1_000_000L;
    }
    int[] statuses = {200, 200, 500, 200, 0, 200, 200, 500, 200, 200};

    // when
    TrafficReport report = TrafficReport.of(latencies, statuses, Duration.ofSeconds(1), List.of("500 boom"));

    // then
    assertThat(report.sent()).isEqualTo(10);
    assertThat(report.succeeded()).isEqualTo(7);
    assertThat(report.failed()).isEqualTo(3);
    assertThat(report.statusCounts()).isEqualTo(Map.of(0, 1, 200, 7, 500, 2));
    assertThat(report.latency()).isEqualTo(new TrafficReport.Latency(
        Duration.ofMillis(5), Duration.ofMillis(9), Duration.ofMillis(10), Duration.ofMillis(10)));
  }
}
