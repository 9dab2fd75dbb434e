package dev.rookery.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.monitor.MonitorRequest.TimeWindow;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MonitorRequestTest {
  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant END = Instant.parse("2024-05-01T11:00:00Z");

  @Test
  void describe_eachShape_inWordsWithoutNull() {
    assertThat(TimeWindow.ALL.describe()).isEqualTo("no time window (all records)");
    assertThat(new TimeWindow(START, END).describe()).isEqualTo("the window 2024-05-01T10:00:00Z .. 2024-05-01T11:00:00Z");
    assertThat(new TimeWindow(START, null).describe()).isEqualTo("the window from 2024-05-01T10:00:00Z (no end)");
    assertThat(new TimeWindow(null, END).describe()).isEqualTo("the window before 2024-05-01T11:00:00Z (no start)");
  }

  @Test
  void contains_bounds_startInclusiveEndExclusive() {
    TimeWindow w = new TimeWindow(START, END);
    assertThat(w.contains(START)).isTrue();
    assertThat(w.contains(END)).isFalse();
    assertThat(TimeWindow.ALL.contains(Instant.EPOCH)).isTrue();
    assertThat(TimeWindow.ALL.bounded()).isFalse();
  }

  @Test
  void timeWindow_startNotBeforeEnd_failsNamingBoth() {
    assertThatThrownBy(() -> new TimeWindow(END, START))
        .hasMessage("start_time must be before end_time, found start_time=" + END + " end_time=" + START);
  }

  @Test
  void metrics_blankEndpoint_failsNamingIt() {
    assertThatThrownBy(() -> new MonitorRequest.Metrics(" ", "s", END, Path.of("x")))
        .hasMessage("endpointName must not be blank, found ' '");
  }
}
