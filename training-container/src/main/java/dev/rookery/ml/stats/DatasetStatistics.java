package dev.rookery.ml.stats;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The content of a Model Monitor {@code statistics.json}: the number of records and one entry
 * per feature, in schema order.
 *
 * @param itemCount records seen
 * @param features per-feature statistics, names unique
 */
public record DatasetStatistics(long itemCount, List<FeatureStatistics> features) {
  public DatasetStatistics {
    if (itemCount < 0) {
      throw new IllegalArgumentException("item_count must be >= 0, found " + itemCount);
    }
    features = List.copyOf(features);
    Set<String> seen = new HashSet<>();
    for (FeatureStatistics f : features) {
      if (!seen.add(f.name())) {
        throw new IllegalArgumentException("feature names must be unique, found '" + f.name() + "' twice");
      }
    }
  }

  /** The named feature's statistics, if present. */
  public Optional<FeatureStatistics> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Feature names in file order. */
  public List<String> featureNames() {
    return features.stream().map(FeatureStatistics::name).toList();
  }
}
