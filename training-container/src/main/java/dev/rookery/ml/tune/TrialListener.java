package dev.rookery.ml.tune;

import java.util.Map;

/**
 * Hears about each trial of {@link Tuner#tune} as it starts and ends, e.g. to draw a progress bar.
 * Called from the trial threads, several at once when trials run in parallel: implementations are
 * thread-safe. An exception thrown here fails the tuning run, as a failing trial does.
 */
public interface TrialListener {
  /** A listener that does nothing. */
  TrialListener NONE = new TrialListener() {};

  /**
   * A trial is about to train.
   *
   * @param index the trial's 0-based number (sampling order)
   * @param hyperparameters its hyperparameters
   */
  default void trialStarted(int index, Map<String, String> hyperparameters) {}

  /** A trial has trained; its model and accuracies are in {@code trial}. */
  default void trialFinished(Trial trial) {}
}
