package dev.rookery.monitor;

import dev.rookery.ml.stats.DatasetStatistics;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a monitoring run found in its window: what the report shows and the result returns.
 *
 * @param statistics the window's statistics; its item count is the number of records analysed
 *     (records whose column count matched the baseline)
 * @param drifts per-feature drift, in baseline feature order (empty for an empty window)
 * @param violations the violations, in check order
 * @param predictionCounts predicted label to count, from {@code endpointOutput}, sorted by label
 * @param capture how the capture lines were read
 */
public record Findings(
    DatasetStatistics statistics,
    List<FeatureDrift> drifts,
    List<Violation> violations,
    Map<String, Long> predictionCounts,
    CaptureCounts capture) {

  public Findings {
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(capture, "capture");
    drifts = List.copyOf(drifts);
    violations = List.copyOf(violations);
    predictionCounts = Collections.unmodifiableSortedMap(new TreeMap<>(predictionCounts));
  }

  /**
   * How the capture lines of a run were read.
   *
   * @param lines non-blank capture lines read, in and out of the window
   * @param outOfWindow lines skipped because their inference time is outside the window
   * @param malformed lines or records that could not be read
   * @param malformedExamples the first malformed lines, as {@code file:line: reason}
   */
  public record CaptureCounts(long lines, long outOfWindow, long malformed, List<String> malformedExamples) {
    public CaptureCounts {
      if (lines < 0 || outOfWindow < 0 || malformed < 0) {
        throw new IllegalArgumentException("counts must be >= 0, found lines=" + lines + " outOfWindow="
            + outOfWindow + " malformed=" + malformed);
      }
      malformedExamples = List.copyOf(malformedExamples);
    }
  }
}
