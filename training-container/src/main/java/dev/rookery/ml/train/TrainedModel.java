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
 * @param trainAccuracy accuracy on the training split
 * @param validationAccuracy accuracy on the validation split, NaN when there was none
 * @param data fingerprints of the data used, by split name ({@code train}, {@code validation})
 */
public record TrainedModel(
    Model<Label> model,
    Hyperparameters hyperparameters,
    Schema schema,
    Transformer transformer,
    double trainAccuracy,
    double validationAccuracy,
    Map<String, DataFingerprint> data) {
  public TrainedModel {
    data = Map.copyOf(data);
  }
}
