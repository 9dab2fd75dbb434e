package dev.rookery.ml.tune;

import java.util.List;

/**
 * All trials, in index order, and the best one ({@link Tuner#best}), its model refitted on train + validation.
 *
 * @param trials every trial
 * @param best the best trial
 */
public record TuningResult(List<Trial> trials, Trial best) {
  public TuningResult {
    trials = List.copyOf(trials);
  }
}
