package dev.rookery.local;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations users type: {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, or ISO-8601 {@code PT1H}. */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)([smhd])");

  private Durations() {}

  /**
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  static Duration parse(String text) {
    String value = text == null ? "" : text.trim();
    Matcher m = SHORT.matcher(value);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        d = Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "duration must look like 90s, 30m, 1h, 2d or PT1H, found '" + text + "'", e);
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("duration must be positive, found '" + text + "'");
    }
    return d;
  }
}
