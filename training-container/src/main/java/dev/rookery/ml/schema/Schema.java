package dev.rookery.ml.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The dataset schema shared by every step: the target column, the raw features in their canonical
 * order (the order of the dataset header, target removed) and the class labels (sorted).
 *
 * <p>Persisted as {@code schema.json} (see {@link SchemaJson}); {@link #FORMAT_VERSION} is written
 * with it so a reader can refuse a format it does not know. The feature order is the column order
 * a {@code text/csv} inference request must follow.
 *
 * @param formatVersion version of the persisted format, {@link #FORMAT_VERSION} for new schemas
 * @param target name of the target column
 * @param features raw features, in canonical order, names unique
 * @param classes class labels, sorted, at least two
 */
public record Schema(int formatVersion, String target, List<Feature> features, List<String> classes) {

  /** Current version of the persisted {@code schema.json} format. */
  public static final int FORMAT_VERSION = 1;

  public Schema {
    Objects.requireNonNull(target, "target");
    features = List.copyOf(features);
    classes = List.copyOf(classes);
    List<String> problems = new ArrayList<>();
    if (formatVersion != FORMAT_VERSION) {
      problems.add("formatVersion must be " + FORMAT_VERSION + ", found " + formatVersion);
    }
    if (features.isEmpty()) {
      problems.add("features must not be empty");
    }
    Set<String> seen = new HashSet<>();
    for (Feature f : features) {
      if (!seen.add(f.name())) {
        problems.add("feature names must be unique, found '" + f.name() + "' twice");
      }
      if (f.name().equals(target)) {
        problems.add("the target '" + target + "' must not also be a feature");
      }
    }
    if (classes.size() < 2) {
      problems.add("classes must hold at least 2 labels, found " + classes);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid schema: " + String.join("; ", problems));
    }
  }

  /** Feature names in canonical order. */
  public List<String> featureNames() {
    return features.stream().map(Feature::name).toList();
  }

  /** Index of the named feature in canonical order, or -1 if it is not a feature. */
  public int indexOf(String featureName) {
    for (int i = 0; i < features.size(); i++) {
      if (features.get(i).name().equals(featureName)) {
        return i;
      }
    }
    return -1;
  }
}
