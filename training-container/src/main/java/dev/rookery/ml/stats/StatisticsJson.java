package dev.rookery.ml.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes Model Monitor's {@code statistics.json} (version 0), field names as in the
 * SageMaker developer guide page {@code model-monitor-byoc-statistics}.
 */
public final class StatisticsJson {
  /** File name of the statistics in every output folder. */
  public static final String FILE_NAME = "statistics.json";

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StatisticsJson() {}

  /** The statistics as a JSON tree, features in their order. */
  public static ObjectNode toJson(DatasetStatistics statistics) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 0);
    root.putObject("dataset").put("item_count", statistics.itemCount());
    ArrayNode features = root.putArray("features");
    for (FeatureStatistics f : statistics.features()) {
      ObjectNode node = features.addObject();
      node.put("name", f.name());
      node.put("inferred_type", f.inferredType().wireName());
      if (f instanceof NumericFeatureStatistics n) {
        ObjectNode stats = node.putObject("numerical_statistics");
        common(stats, f);
        stats.put("mean", n.summary().mean());
        stats.put("sum", n.summary().sum());
        stats.put("std_dev", n.summary().stdDev());
        stats.put("min", n.summary().min());
        stats.put("max", n.summary().max());
        ObjectNode kll = stats.putObject("distribution").putObject("kll");
        ArrayNode buckets = kll.putArray("buckets");
        for (KllBucket b : n.distribution().buckets()) {
          buckets.addObject()
              .put("lower_bound", b.lowerBound())
              .put("upper_bound", b.upperBound())
              .put("count", b.count());
        }
        ObjectNode sketch = kll.putObject("sketch");
        sketch.putObject("parameters").put("c", n.distribution().sketch().c()).put("k", n.distribution().sketch().k());
        ArrayNode data = sketch.putArray("data");
        for (List<Double> level : n.distribution().sketch().levels()) {
          ArrayNode arr = data.addArray();
          level.forEach(arr::add);
        }
      } else {
        StringFeatureStatistics s = (StringFeatureStatistics) f;
        ObjectNode stats = node.putObject("string_statistics");
        common(stats, f);
        stats.put("distinct_count", s.distinctCount());
        ArrayNode buckets = stats.putObject("distribution").putObject("categorical").putArray("buckets");
        for (CategoricalBucket b : s.buckets()) {
          buckets.addObject().put("value", b.value()).put("count", b.count());
        }
      }
    }
    return root;
  }

  private static void common(ObjectNode stats, FeatureStatistics f) {
    stats.putObject("common").put("num_present", f.numPresent()).put("num_missing", f.numMissing());
  }

  /**
   * Parses a statistics tree.
   *
   * @throws StatsJsonException naming the feature and field that is missing or wrong
   */
  public static DatasetStatistics fromJson(JsonNode root) {
    long itemCount = JsonFields.count(JsonFields.require(root, "dataset", "statistics"), "item_count", "dataset");
    List<FeatureStatistics> features = JsonFields.features(root, "statistics", (f, name, type, where) -> {
      if (f.has("numerical_statistics")) {
        return numeric(name, type, f.get("numerical_statistics"), where + ".numerical_statistics");
      } else if (f.has("string_statistics")) {
        return string(name, f.get("string_statistics"), where + ".string_statistics");
      }
      throw new StatsJsonException(where + " has neither numerical_statistics nor string_statistics");
    });
    try {
      return new DatasetStatistics(itemCount, features);
    } catch (IllegalArgumentException e) {
      throw new StatsJsonException("statistics: " + e.getMessage(), e);
    }
  }

  private static NumericFeatureStatistics numeric(String name, InferredType type, JsonNode s, String where) {
    JsonNode common = JsonFields.require(s, "common", where);
    JsonNode kll = JsonFields.require(JsonFields.require(s, "distribution", where), "kll", where + ".distribution");
    List<KllBucket> buckets = new ArrayList<>();
    JsonNode bucketList = kll.get("buckets");
    if (bucketList != null) {
      for (JsonNode b : bucketList) {
        buckets.add(new KllBucket(
            JsonFields.number(b, "lower_bound", where + ".buckets[]"),
            JsonFields.number(b, "upper_bound", where + ".buckets[]"),
            JsonFields.number(b, "count", where + ".buckets[]")));
      }
    }
    JsonNode sketch = JsonFields.require(kll, "sketch", where + ".distribution.kll");
    JsonNode params = JsonFields.require(sketch, "parameters", where + ".sketch");
    List<List<Double>> levels = new ArrayList<>();
    for (JsonNode level : JsonFields.require(sketch, "data", where + ".sketch")) {
      List<Double> items = new ArrayList<>();
      for (JsonNode v : level) {
        if (!v.isNumber()) {
          throw new StatsJsonException(where + ".sketch.data must hold numbers, found " + v);
        }
        items.add(v.asDouble());
      }
      levels.add(items);
    }
    KllSketchData data = new KllSketchData(
        JsonFields.number(params, "c", where + ".sketch.parameters"),
        (int) JsonFields.number(params, "k", where + ".sketch.parameters"),
        levels);
    return new NumericFeatureStatistics(
        name, type,
        new NumericFeatureStatistics.Counts(
            JsonFields.count(common, "num_present", where + ".common"),
            JsonFields.count(common, "num_missing", where + ".common"),
            0),
        new NumericFeatureStatistics.Summary(
            JsonFields.numberOr(s, "mean", 0, where),
            JsonFields.numberOr(s, "sum", 0, where),
            JsonFields.numberOr(s, "std_dev", 0, where),
            JsonFields.numberOr(s, "min", 0, where),
            JsonFields.numberOr(s, "max", 0, where)),
        new NumericFeatureStatistics.Distribution(buckets, data));
  }

  private static StringFeatureStatistics string(String name, JsonNode s, String where) {
    JsonNode common = JsonFields.require(s, "common", where);
    List<CategoricalBucket> buckets = new ArrayList<>();
    JsonNode dist = s.get("distribution");
    JsonNode cat = dist == null ? null : dist.get("categorical");
    if (cat != null && cat.has("buckets")) {
      for (JsonNode b : cat.get("buckets")) {
        buckets.add(new CategoricalBucket(
            JsonFields.text(b, "value", where + ".buckets[]"), JsonFields.count(b, "count", where + ".buckets[]")));
      }
    }
    return new StringFeatureStatistics(
        name,
        JsonFields.count(common, "num_present", where + ".common"),
        JsonFields.count(common, "num_missing", where + ".common"),
        JsonFields.count(s, "distinct_count", where),
        buckets);
  }

  /** Writes the statistics to a file (creating parent folders). */
  public static void write(DatasetStatistics statistics, Path file) throws IOException {
    AtomicFiles.writeJson(file, toJson(statistics));
  }

  /**
   * Reads a {@code statistics.json}.
   *
   * @throws StatsJsonException naming the file and what is wrong in it
   */
  public static DatasetStatistics read(Path file) {
    try {
      return fromJson(MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new StatsJsonException("cannot read statistics file " + file + ": " + e.getMessage(), e);
    } catch (StatsJsonException e) {
      throw new StatsJsonException("invalid statistics file " + file + ": " + e.getMessage(), e);
    }
  }
}
