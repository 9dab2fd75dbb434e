package dev.rookery.monitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a capture line loop counts besides the records ({@link CaptureReader}): the non-blank lines
 * read, the lines skipped as malformed, and the first few of those quoted.
 */
final class LineCounts {
  private final int maxExamples;
  private final List<String> malformedExamples = new ArrayList<>();
  private long lines;
  private long malformed;

  /** @param maxExamples how many malformed lines are quoted */
  LineCounts(int maxExamples) {
    this.maxExamples = maxExamples;
  }

  /** One non-blank line was read. */
  void lineRead() {
    lines++;
  }

  /** One line was skipped: {@code file:line: reason}. */
  void malformed(String where) {
    malformed++;
    if (malformedExamples.size() < maxExamples) {
      malformedExamples.add(where);
    }
  }

  /** Non-blank capture lines read, in and out of the window. */
  long lines() {
    return lines;
  }

  /** Lines that could not be read. */
  long malformed() {
    return malformed;
  }

  /** The first malformed lines, as {@code file:line: reason}. */
  List<String> malformedExamples() {
    return Collections.unmodifiableList(malformedExamples);
  }
}
