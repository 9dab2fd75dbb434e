package dev.rookery.ml.schema;

import java.util.Objects;

/**
 * One raw input column of the dataset, as the model sees it (the target is not a feature).
 *
 * @param name column name in the dataset header, never blank
 * @param type inferred type
 */
public record Feature(String name, FeatureType type) {
  public Feature {
    Objects.requireNonNull(type, "type");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("feature name must not be blank, found '" + name + "'");
    }
  }
}
