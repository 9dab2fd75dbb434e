package dev.rookery.ml.train;

import dev.rookery.ml.preprocess.Transformer;
import dev.rookery.ml.schema.Schema;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * A trained model with everything needed to persist and serve it.
 *
 * @param model the Tribuo model (inputs: the transformer's output columns)
 * @param hyperparameters what it was trained with
 * @param schema the schema of the raw records
 * @param transformer the fitted preprocessing
 * @param accuracy accuracy on the training and validation splits
 * @param data fingerprints of the data used, by split name ({@code train}, {@code validation})
 */
public record TrainedModel(
    Model<Label> model,
    Hyperparameters hyperparameters,
    Schema schema,
    Transformer transformer,
    Accuracy accuracy,
    Map<String, DataFingerprint> data) {
  public TrainedModel {
    java.util.Objects.requireNonNull(accuracy, "accuracy");
    data = Map.copyOf(data);
  }

  /**
   * Accuracy of the model on the splits it saw.
   *
   * @param train on the training split
   * @param validation on the validation split, NaN when there was none
   */
  public record Accuracy(double train, double validation) {}

  /** Accuracy on the training split. */
  public double trainAccuracy() {
    return accuracy.train();
  }

  /** Accuracy on the validation split, NaN when there was none. */
  public double validationAccuracy() {
    return accuracy.validation();
  }
}
