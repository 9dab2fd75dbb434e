package dev.rookery.ml.tune;

import java.util.List;

/**
 * All trials, in index order, and the best one (highest validation accuracy, lowest index on ties).
 *
 * @param trials every trial
 * @param best the best trial
 */
public record TuningResult(List<Trial> trials, Trial best) {
  public TuningResult {
    trials = List.copyOf(trials);
  }
}
