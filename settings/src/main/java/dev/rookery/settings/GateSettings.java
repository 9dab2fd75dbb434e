package dev.rookery.settings;

/**
 * The accuracy gate ({@code gate} in {@code pipeline.json}): what a model must reach to be
 * registered. The rule itself is local mode's {@code Gate} and the pipeline's
 * {@code GateOnAccuracy} state; both run {@code statemachine/test/fixtures/gate-vectors.json}.
 *
 * @param accuracyThreshold {@code accuracy_threshold}: minimum test accuracy, in [0, 1]; default
 *     {@value PipelineSettings#DEFAULT_ACCURACY_THRESHOLD}
 * @param mustBeatApproved {@code must_beat_approved}: the new model must also be strictly better
 *     than the newest approved version; default {@value PipelineSettings#DEFAULT_MUST_BEAT_APPROVED}
 * @throws SettingsException if the threshold is outside [0, 1]
 */
public record GateSettings(double accuracyThreshold, boolean mustBeatApproved) {
  /** The default gate. */
  public static final GateSettings DEFAULT = new GateSettings(
      PipelineSettings.DEFAULT_ACCURACY_THRESHOLD, PipelineSettings.DEFAULT_MUST_BEAT_APPROVED);

  public GateSettings {
    if (!(accuracyThreshold >= 0 && accuracyThreshold <= 1)) {
      throw new SettingsException("", java.util.List.of(new Problem("accuracy_threshold",
          "must be between 0 and 1, found " + accuracyThreshold)));
    }
  }

  Object toJson() {
    return PipelineSettings.object("accuracy_threshold", accuracyThreshold, "must_beat_approved", mustBeatApproved);
  }
}
