package dev.rookery.ml.stats;

import java.util.List;
import java.util.Optional;

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
    features = FeatureList.uniqueNames(features, FeatureStatistics::name);
  }

  /** The named feature's statistics, if present. */
  public Optional<FeatureStatistics> feature(String name) {
    return FeatureList.find(features, FeatureStatistics::name, name);
  }

  /** Feature names in file order. */
  public List<String> featureNames() {
    return features.stream().map(FeatureStatistics::name).toList();
  }
}
