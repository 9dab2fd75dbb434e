package dev.rookery.monitor;

import dev.rookery.ml.evaluate.Evaluation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one model-quality run.
 *
 * @param outputPath where the files were written
 * @param evaluation the window's metrics, or empty when too few predictions were joined to a label
 * @param violations the constraints the window breaks (none without an evaluation)
 * @param counts what was read, joined and set aside, and why
 * @param byHour accuracy per UTC hour of inference, in time order
 * @param minJoinedRecords the joined records the run needed
 */
public record QualityResult(
    Path outputPath, Optional<Evaluation> evaluation, List<Violation> violations, Counts counts,
    List<HourAccuracy> byHour, int minJoinedRecords) {

  public QualityResult {
    Objects.requireNonNull(outputPath, "outputPath");
    Objects.requireNonNull(evaluation, "evaluation");
    violations = List.copyOf(violations);
    Objects.requireNonNull(counts, "counts");
    byHour = List.copyOf(byHour);
  }

  /**
   * A broken constraint, in Model Monitor's model-quality shape.
   *
   * @param metricName {@code accuracy}
   * @param checkType the constraint's {@code comparison_operator} ({@code LessThanThreshold}), as
   *     Model Monitor's model-quality jobs name it in {@code constraint_check_type}
   * @param description {@code Metric accuracy with 0.61 +/- 0.02 was LessThanThreshold '0.92'}
   */
  public record Violation(String metricName, String checkType, String description) {}

  /**
   * @param capture the capture side
   * @param labels the ground-truth side
   */
  public record Counts(CaptureCounts capture, LabelCounts labels) {}

  /**
   * @param lines capture lines read
   * @param malformed capture lines skipped as unreadable
   * @param records capture records read (each with its join key)
   * @param inWindow records whose inference time is in the window
   * @param duplicateIds records whose join key an earlier record already had (the first one counts)
   * @param malformedExamples the first unreadable lines, {@code file:line: reason}
   */
  public record CaptureCounts(
      long lines, long malformed, long records, long inWindow, long duplicateIds, List<String> malformedExamples) {
    public CaptureCounts {
      malformedExamples = List.copyOf(malformedExamples);
    }
  }

  /**
   * Every ground-truth line falls in exactly one of these.
   *
   * @param joined labels joined to a prediction in the window: what the metrics are computed from
   * @param unmatched labels whose id matches no captured record ({@code labels_unmatched})
   * @param unknownClass labels that are not one of the model's classes ({@code labels_unknown_class})
   * @param malformed lines that are not a readable ground-truth record
   * @param outsideWindow labels of a captured record whose inference time is outside the window
   * @param duplicate second and later labels for the same id (the first one counts)
   * @param unjoinable labels of a record whose prediction cannot be scored (unreadable, not a
   *     class of the model, or several records in one request)
   * @param problems the first problem lines, {@code file:line: reason}, and the first unmatched ids
   */
  public record LabelCounts(
      long joined, long unmatched, long unknownClass, long malformed, long outsideWindow, long duplicate,
      long unjoinable, List<String> problems) {
    public LabelCounts {
      problems = List.copyOf(problems);
    }

    /** Ground-truth lines read. */
    public long total() {
      return joined + unmatched + unknownClass + malformed + outsideWindow + duplicate + unjoinable;
    }
  }

  /**
   * @param hour the UTC hour of the inferences
   * @param joined joined records of that hour
   * @param correct of them, correctly predicted
   */
  public record HourAccuracy(Instant hour, long joined, long correct) {
    /** The hour's accuracy. */
    public double accuracy() {
      return joined == 0 ? Double.NaN : (double) correct / joined;
    }
  }

  /** Whether enough labels were joined to judge the model. */
  public boolean enoughLabels() {
    return evaluation.isPresent();
  }

  /** {@code not enough labels: N joined, M required}, or empty when there were enough. */
  public Optional<String> notEnoughLabelsMessage() {
    return enoughLabels() ? Optional.empty()
        : Optional.of("not enough labels: " + counts.labels().joined() + " joined, " + minJoinedRecords + " required");
  }

  /** The violations file. */
  public Path violationsFile() {
    return outputPath.resolve(DriftMonitor.VIOLATIONS_FILE);
  }

  /** The HTML report. */
  public Path reportFile() {
    return outputPath.resolve(DriftMonitor.REPORT_FILE);
  }
}
