package dev.rookery.ml.stats;

import dev.rookery.ml.dataset.Values;
import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Computes {@link DatasetStatistics} in one pass over raw records, in memory proportional to the
 * number of features: a KLL sketch per numeric feature, and per categorical feature the counts of
 * at most {@link #MAX_TRACKED_CATEGORIES} distinct values plus a HyperLogLog sketch for the
 * distinct count beyond that. Not thread-safe.
 *
 * <pre>{@code
 * StatisticsAccumulator acc = new StatisticsAccumulator(schema.features());
 * for (String[] row : rows) acc.add(row);
 * DatasetStatistics stats = acc.toStatistics();
 * }</pre>
 */
public final class StatisticsAccumulator {

  /** Distinct values of a categorical feature counted exactly; later new values are only estimated. */
  public static final int MAX_TRACKED_CATEGORIES = 10_000;

  /** Model Monitor materialises every numeric distribution in ten buckets. */
  public static final int BUCKETS = 10;

  private final List<Feature> features;
  private final Object[] accumulators;
  private long itemCount;

  /**
   * @param features the features in the order of the values of every record, at least one
   */
  public StatisticsAccumulator(List<Feature> features) {
    this.features = List.copyOf(features);
    if (this.features.isEmpty()) {
      throw new IllegalArgumentException("statistics need at least one feature, found none");
    }
    accumulators = new Object[this.features.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] =
          this.features.get(i).type() == FeatureType.NUMERIC ? new NumericAcc() : new StringAcc();
    }
  }

  /** The features, in record order. */
  public List<Feature> features() {
    return features;
  }

  /**
   * Adds one record.
   *
   * @param rawValues one raw value per feature, in feature order; null, blank or {@code NA} is missing
   * @throws IllegalArgumentException naming the record number when the value count is wrong
   */
  public void add(String[] rawValues) {
    if (rawValues.length != accumulators.length) {
      throw new IllegalArgumentException(
          "record " + (itemCount + 1) + " must have " + accumulators.length + " values (" + names()
              + "), found " + rawValues.length);
    }
    itemCount++;
    for (int i = 0; i < accumulators.length; i++) {
      Object acc = accumulators[i];
      if (acc instanceof NumericAcc n) {
        n.add(rawValues[i]);
      } else {
        ((StringAcc) acc).add(rawValues[i]);
      }
    }
  }

  /** Records added so far. */
  public long itemCount() {
    return itemCount;
  }

  /** The statistics of every record added so far. */
  public DatasetStatistics toStatistics() {
    List<FeatureStatistics> out = new ArrayList<>();
    for (int i = 0; i < accumulators.length; i++) {
      String name = features.get(i).name();
      Object acc = accumulators[i];
      out.add(acc instanceof NumericAcc n ? n.result(name) : ((StringAcc) acc).result(name));
    }
    return new DatasetStatistics(itemCount, out);
  }

  private String names() {
    return String.join(",", features.stream().map(Feature::name).toList());
  }

  private static final class NumericAcc {
    final KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(KllSketchData.DEFAULT_K);
    long present;
    long missing;
    long nonNumeric;
    long numbers;
    boolean allWhole = true;
    double sum;
    double mean;
    double m2;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(String raw) {
      if (Values.isMissing(raw)) {
        missing++;
        return;
      }
      present++;
      double v = Values.parseNumber(raw);
      if (Double.isNaN(v)) {
        nonNumeric++;
        return;
      }
      numbers++;
      sum += v;
      // Welford's update: numerically stable variance in one pass.
      double delta = v - mean;
      mean += delta / numbers;
      m2 += delta * (v - mean);
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (allWhole && (v != Math.rint(v) || Math.abs(v) > 9.007199254740992E15)) {
        allWhole = false;
      }
      sketch.update(v);
    }

    NumericFeatureStatistics result(String name) {
      InferredType type;
      if (nonNumeric > numbers) {
        type = InferredType.STRING;
      } else {
        type = allWhole && numbers > 0 ? InferredType.INTEGRAL : InferredType.FRACTIONAL;
      }
      NumericFeatureStatistics.Counts counts = new NumericFeatureStatistics.Counts(present, missing, nonNumeric);
      if (numbers == 0) {
        return new NumericFeatureStatistics(name, type, counts, NumericFeatureStatistics.Summary.NONE,
            new NumericFeatureStatistics.Distribution(List.of(), KllSketchData.of(sketch)));
      }
      double std = Math.sqrt(m2 / numbers);
      return new NumericFeatureStatistics(name, type, counts,
          new NumericFeatureStatistics.Summary(sum / numbers, sum, std, min, max),
          new NumericFeatureStatistics.Distribution(buckets(), KllSketchData.of(sketch)));
    }

    private List<KllBucket> buckets() {
      List<KllBucket> out = new ArrayList<>(BUCKETS);
      double width = (max - min) / BUCKETS;
      if (width == 0) {
        out.add(new KllBucket(min, max, numbers));
        for (int i = 1; i < BUCKETS; i++) {
          out.add(new KllBucket(max, max, 0));
        }
        return out;
      }
      double[] splits = new double[BUCKETS - 1];
      for (int i = 0; i < splits.length; i++) {
        splits[i] = min + width * (i + 1);
      }
      // Counts from rounded cumulative ranks so that they always add up to the number of values.
      double[] cdf = sketch.getCDF(splits);
      long previous = 0;
      for (int i = 0; i < BUCKETS; i++) {
        long cumulative = i == BUCKETS - 1 ? numbers : Math.round(cdf[i] * numbers);
        double lower = i == 0 ? min : splits[i - 1];
        double upper = i == BUCKETS - 1 ? max : splits[i];
        out.add(new KllBucket(lower, upper, cumulative - previous));
        previous = cumulative;
      }
      return out;
    }
  }

  private static final class StringAcc {
    final Map<String, long[]> counts = new HashMap<>();
    final HllSketch distinct = new HllSketch(12);
    long present;
    long missing;
    boolean overflowed;

    void add(String raw) {
      if (Values.isMissing(raw)) {
        missing++;
        return;
      }
      present++;
      String v = raw.strip();
      distinct.update(v);
      long[] c = counts.get(v);
      if (c != null) {
        c[0]++;
      } else if (counts.size() < MAX_TRACKED_CATEGORIES) {
        counts.put(v, new long[] {1});
      } else {
        overflowed = true;
      }
    }

    StringFeatureStatistics result(String name) {
      List<CategoricalBucket> buckets = new ArrayList<>();
      counts.forEach((value, c) -> buckets.add(new CategoricalBucket(value, c[0])));
      buckets.sort(
          Comparator.comparingLong(CategoricalBucket::count).reversed()
              .thenComparing(CategoricalBucket::value));
      long distinctCount = overflowed ? Math.max(counts.size(), Math.round(distinct.getEstimate())) : counts.size();
      return new StringFeatureStatistics(name, present, missing, distinctCount, buckets);
    }
  }
}
