package dev.rookery.local;

import dev.rookery.settings.GateSettings;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The accuracy gate, as the cloud pipeline's GateOnAccuracy and GateOnApprovedModel states: a
 * model passes when its test accuracy is at least {@code gate.accuracy_threshold} and, when
 * {@code gate.must_beat_approved} is set, strictly above the test accuracy of the newest Approved
 * version (a model that only ties the served one is not worth a deployment). A rejection names
 * both numbers. Both implementations run the cases of
 * {@code statemachine/test/fixtures/gate-vectors.json}.
 *
 * @param settings the {@code gate} block of the pipeline settings
 */
public record Gate(GateSettings settings) {
  public Gate {
    Objects.requireNonNull(settings, "settings");
  }

  /** Why a model passed or not; the names of {@code gate-vectors.json}'s verdicts. */
  public enum Verdict {
    /** The model may be registered. */
    PASSED,
    /** Below {@code gate.accuracy_threshold} (the pipeline's {@code Rookery.AccuracyBelowThreshold}). */
    BELOW_THRESHOLD,
    /** Not strictly above the approved version (the pipeline's {@code Rookery.NotBetterThanApproved}). */
    NOT_BETTER_THAN_APPROVED
  }

  /**
   * The gate's verdict.
   *
   * @param verdict passed, or why not
   * @param message one line with the numbers compared
   */
  public record Decision(Verdict verdict, String message) {
    /** @return whether the model may be registered */
    public boolean passed() {
      return verdict == Verdict.PASSED;
    }
  }

  /** Decides for a model of the given test accuracy, against the newest approved version, if any. */
  public Decision decide(double accuracy, Optional<ModelVersion> approved) {
    double threshold = settings.accuracyThreshold();
    if (accuracy < threshold) {
      return new Decision(Verdict.BELOW_THRESHOLD, String.format(Locale.ROOT,
          "test accuracy %.4f is below the threshold %.4f (gate.accuracy_threshold)", accuracy, threshold));
    }
    if (settings.mustBeatApproved() && approved.isPresent()) {
      double best = approved.get().testAccuracy();
      if (accuracy <= best) {
        return new Decision(Verdict.NOT_BETTER_THAN_APPROVED, String.format(Locale.ROOT,
            "test accuracy %.4f does not beat approved model version %d's %.4f (gate.must_beat_approved)",
            accuracy, approved.get().version(), best));
      }
      return new Decision(Verdict.PASSED, String.format(Locale.ROOT,
          "test accuracy %.4f >= threshold %.4f and beats approved version %d's %.4f",
          accuracy, threshold, approved.get().version(), best));
    }
    return new Decision(Verdict.PASSED, String.format(Locale.ROOT, "test accuracy %.4f >= threshold %.4f", accuracy, threshold));
  }
}
