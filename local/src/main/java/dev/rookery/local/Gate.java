package dev.rookery.local;

import java.util.Locale;
import java.util.Optional;

/**
 * The accuracy gate, as the cloud pipeline's Gate state: a model passes when its test accuracy is
 * at least {@code threshold} and, when {@code mustBeatApproved} is set, strictly above the test
 * accuracy of the newest Approved version (a model that only ties the served one is not worth a
 * deployment). A rejection names both numbers.
 *
 * @param threshold minimum test accuracy, in [0, 1] ({@code gate.accuracy_threshold})
 * @param mustBeatApproved whether to also require beating the approved model ({@code gate.must_beat_approved})
 */
public record Gate(double threshold, boolean mustBeatApproved) {
  public Gate {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("gate.accuracy_threshold must be in [0, 1], found " + threshold);
    }
  }

  /**
   * The gate's verdict.
   *
   * @param passed whether the model may be registered
   * @param message one line with the numbers compared
   */
  public record Decision(boolean passed, String message) {}

  /** Decides for a model of the given test accuracy, against the newest approved version, if any. */
  public Decision decide(double accuracy, Optional<ModelVersion> approved) {
    if (accuracy < threshold) {
      return new Decision(false, String.format(Locale.ROOT,
          "test accuracy %.4f is below the threshold %.4f (gate.accuracy_threshold)", accuracy, threshold));
    }
    if (mustBeatApproved && approved.isPresent()) {
      double best = approved.get().testAccuracy();
      if (accuracy <= best) {
        return new Decision(false, String.format(Locale.ROOT,
            "test accuracy %.4f does not beat approved model version %d's %.4f (gate.must_beat_approved)",
            accuracy, approved.get().version(), best));
      }
      return new Decision(true, String.format(Locale.ROOT,
          "test accuracy %.4f >= threshold %.4f and beats approved version %d's %.4f",
          accuracy, threshold, approved.get().version(), best));
    }
    return new Decision(true, String.format(Locale.ROOT, "test accuracy %.4f >= threshold %.4f", accuracy, threshold));
  }
}
