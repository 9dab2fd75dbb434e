package dev.rookery.ml.predict;

import java.util.Map;

/**
 * The answer for one record.
 *
 * @param label predicted class
 * @param confidence probability of the predicted class, in [0, 1]
 * @param probabilities probability per class label, in the schema's class order (iteration order kept)
 */
public record Prediction(String label, double confidence, Map<String, Double> probabilities) {}
