package dev.rookery.testutils;

import dev.rookery.ml.predict.InvalidRecordException;
import dev.rookery.ml.predict.Prediction;
import dev.rookery.ml.predict.RecordPredictor;
import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link RecordPredictor} over the penguins schema with a fixed rule (long flippers:
 * Gentoo; long bills: Chinstrap; otherwise Adelie), validating numeric fields as a real model
 * does. An optional delay per prediction lets tests hold a request in flight.
 */
public final class FakeRecordPredictor implements RecordPredictor {

  /** The penguins features in dataset order. */
  public static final Schema PENGUINS =
      new Schema(
          Schema.FORMAT_VERSION,
          "species",
          List.of(
              new Feature("island", FeatureType.CATEGORICAL),
              new Feature("bill_length_mm", FeatureType.NUMERIC),
              new Feature("bill_depth_mm", FeatureType.NUMERIC),
              new Feature("flipper_length_mm", FeatureType.NUMERIC),
              new Feature("body_mass_g", FeatureType.NUMERIC),
              new Feature("sex", FeatureType.CATEGORICAL),
              new Feature("year", FeatureType.NUMERIC)),
          List.of("Adelie", "Chinstrap", "Gentoo"));

  private final long delayMillis;

  public FakeRecordPredictor() {
    this(0);
  }

  /** @param delayMillis sleep before each prediction */
  public FakeRecordPredictor(long delayMillis) {
    this.delayMillis = delayMillis;
  }

  @Override
  public Schema schema() {
    return PENGUINS;
  }

  @Override
  public Prediction predict(String[] rawValues) {
    if (rawValues.length != PENGUINS.features().size()) {
      throw new IllegalArgumentException("expected 7 values, found " + rawValues.length);
    }
    double[] numbers = new double[rawValues.length];
    for (int i = 0; i < rawValues.length; i++) {
      Feature f = PENGUINS.features().get(i);
      String v = rawValues[i];
      if (f.type() == FeatureType.NUMERIC && v != null && !v.isEmpty() && !v.equals("NA")) {
        try {
          numbers[i] = Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new InvalidRecordException(f.name(), v, "expected a number");
        }
        if (!Double.isFinite(numbers[i])) {
          throw new InvalidRecordException(f.name(), v, "expected a finite number");
        }
      } else {
        numbers[i] = Double.NaN;
      }
    }
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String label = numbers[3] >= 206 ? "Gentoo" : numbers[1] >= 44 ? "Chinstrap" : "Adelie";
    Map<String, Double> probabilities = new LinkedHashMap<>();
    for (String c : PENGUINS.classes()) {
      probabilities.put(c, c.equals(label) ? 0.8 : 0.1);
    }
    return new Prediction(label, 0.8, probabilities);
  }
}
