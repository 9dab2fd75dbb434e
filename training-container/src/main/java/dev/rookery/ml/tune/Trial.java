package dev.rookery.ml.tune;

import dev.rookery.ml.train.TrainedModel;
import java.util.Map;

/**
 * One tuning trial.
 *
 * @param index 0-based trial number (sampling order)
 * @param hyperparameters the trial's hyperparameters (static ones plus sampled ones), as strings
 * @param model the trained model, with its train and validation accuracy
 */
public record Trial(int index, Map<String, String> hyperparameters, TrainedModel model) {
  public Trial {
    hyperparameters = Map.copyOf(hyperparameters);
  }

  /** The objective, {@code validation:accuracy}. */
  public double validationAccuracy() {
    return model.validationAccuracy();
  }
}
