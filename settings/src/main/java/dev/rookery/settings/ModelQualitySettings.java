package dev.rookery.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The model-quality monitor ({@code model_quality} in {@code pipeline.json}): how the baseline's
 * accuracy threshold is set and when a window has enough labels to be judged. Read by the
 * training container ({@code evaluate} writes the threshold), local mode ({@code rookery monitor
 * --quality}) and the cloud's model-quality schedule, through this one record.
 *
 * @param accuracyTolerance {@code accuracy_tolerance}: the baseline's accuracy threshold is the test
 *     accuracy minus this, in [0, 1]; default {@value PipelineSettings#DEFAULT_ACCURACY_TOLERANCE}
 * @param minJoinedRecords {@code min_joined_records}: a window with fewer predictions joined to a
 *     label is reported as "not enough labels", never as a violation; at least 1; default
 *     {@value PipelineSettings#DEFAULT_MIN_JOINED_RECORDS}
 * @param labelOffset {@code label_offset}: ISO-8601 duration (e.g. {@code PT1H}, {@code P1D}) the
 *     analysed window of inference times is shifted into the past, so labels have had this long to
 *     arrive; zero or more; default {@link PipelineSettings#DEFAULT_LABEL_OFFSET}
 * @throws SettingsException listing every value out of range
 */
public record ModelQualitySettings(double accuracyTolerance, int minJoinedRecords, Duration labelOffset) {
  /** The default model-quality settings. */
  public static final ModelQualitySettings DEFAULT = new ModelQualitySettings(
      PipelineSettings.DEFAULT_ACCURACY_TOLERANCE, PipelineSettings.DEFAULT_MIN_JOINED_RECORDS,
      PipelineSettings.DEFAULT_LABEL_OFFSET);

  public ModelQualitySettings {
    java.util.Objects.requireNonNull(labelOffset, "labelOffset");
    List<Problem> problems = new ArrayList<>();
    if (!(accuracyTolerance >= 0 && accuracyTolerance <= 1)) {
      problems.add(new Problem("accuracy_tolerance", "must be between 0 and 1, found " + accuracyTolerance));
    }
    if (minJoinedRecords < 1) {
      problems.add(new Problem("min_joined_records", "must be 1 or greater, found " + minJoinedRecords));
    }
    if (labelOffset.isNegative()) {
      problems.add(new Problem("label_offset", "must not be negative, found " + labelOffset));
    }
    if (!problems.isEmpty()) {
      throw new SettingsException("", problems);
    }
  }

  /**
   * Parses {@code label_offset}.
   *
   * @throws IllegalArgumentException naming the value when it is not an ISO-8601 duration
   */
  static Duration parseOffset(String text) {
    try {
      return Duration.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("must be an ISO-8601 duration such as PT1H or P1D, found " + SettingsJson.describe(text), e);
    }
  }

  Object toJson() {
    return PipelineSettings.object("accuracy_tolerance", accuracyTolerance, "min_joined_records", minJoinedRecords,
        "label_offset", labelOffset.toString());
  }
}
