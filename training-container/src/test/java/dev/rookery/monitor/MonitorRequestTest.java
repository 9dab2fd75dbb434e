package dev.rookery.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MonitorRequestTest {
  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant END = Instant.parse("2024-05-01T11:00:00Z");

  private static MonitorRequest window(Instant start, Instant end) {
    Path p = Path.of("x");
    return new MonitorRequest(p, p, p, p, false, p, "e", "s", start, end, END);
  }

  @Test
  void describeWindow_eachShape_inWordsWithoutNull() {
    assertThat(window(null, null).describeWindow()).isEqualTo("no time window (all records)");
    assertThat(window(START, END).describeWindow()).isEqualTo("the window 2024-05-01T10:00:00Z .. 2024-05-01T11:00:00Z");
    assertThat(window(START, null).describeWindow()).isEqualTo("the window from 2024-05-01T10:00:00Z (no end)");
    assertThat(window(null, END).describeWindow()).isEqualTo("the window before 2024-05-01T11:00:00Z (no start)");
  }

  @Test
  void inWindow_bounds_startInclusiveEndExclusive() {
    MonitorRequest r = window(START, END);
    assertThat(r.inWindow(START)).isTrue();
    assertThat(r.inWindow(END)).isFalse();
    assertThat(window(null, null).inWindow(Instant.EPOCH)).isTrue();
  }
}
