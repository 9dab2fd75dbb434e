package dev.rookery.ml.predict;

import dev.rookery.ml.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts raw records: the port between a trained model (with its fitted preprocessing) and
 * everything that serves it (the inference server, local mode, evaluation). Implementations are
 * immutable and thread-safe.
 */
public interface RecordPredictor {

  /** The schema the model was trained on: feature order and classes. */
  Schema schema();

  /**
   * Predicts one record.
   *
   * @param rawValues raw feature values in the schema's canonical feature order, as they appear in
   *     the dataset ({@code null}, empty or {@code NA} = missing, imputed as in training); unseen
   *     categories are tolerated
   * @throws InvalidRecordException when a value has the wrong type for its feature
   * @throws IllegalArgumentException when the array length is not the number of features
   */
  Prediction predict(String[] rawValues);

  /** Predicts several records; the default calls {@link #predict(String[])} for each. */
  default List<Prediction> predictAll(List<String[]> records) {
    List<Prediction> out = new ArrayList<>(records.size());
    for (String[] r : records) {
      out.add(predict(r));
    }
    return out;
  }
}
