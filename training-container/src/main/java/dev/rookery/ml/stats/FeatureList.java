package dev.rookery.ml.stats;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rule both Model Monitor files ({@code statistics.json}, {@code constraints.json}) follow for
 * their {@code features} list: names are unique, and a feature is found by its name.
 */
final class FeatureList {
  private FeatureList() {}

  /**
   * @return an unmodifiable copy of {@code features}
   * @throws IllegalArgumentException naming the first name that appears twice
   */
  static <T> List<T> uniqueNames(List<T> features, Function<T, String> name) {
    List<T> copy = List.copyOf(features);
    Set<String> seen = new HashSet<>();
    for (T f : copy) {
      if (!seen.add(name.apply(f))) {
        throw new IllegalArgumentException("feature names must be unique, found '" + name.apply(f) + "' twice");
      }
    }
    return copy;
  }

  /** @return the feature called {@code wanted}, if present */
  static <T> Optional<T> find(List<T> features, Function<T, String> name, String wanted) {
    return features.stream().filter(f -> name.apply(f).equals(wanted)).findFirst();
  }
}
