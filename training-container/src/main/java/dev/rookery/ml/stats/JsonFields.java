package dev.rookery.ml.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Field access that names what is missing. */
final class JsonFields {
  private JsonFields() {}

  /** Reads one entry of a {@code features} list whose name and inferred type are already read. */
  @FunctionalInterface
  interface FeatureReader<T> {
    T read(JsonNode feature, String name, InferredType type, String where);
  }

  /**
   * Reads the {@code features} list of a statistics or constraints file: each entry's {@code name}
   * and {@code inferred_type}, then the rest by {@code reader}. A value a record refuses
   * ({@link IllegalArgumentException}) becomes a {@link StatsJsonException} naming the feature.
   *
   * @param document {@code "statistics"} or {@code "constraints"}, for the message when the list is missing
   */
  static <T> List<T> features(JsonNode root, String document, FeatureReader<T> reader) {
    List<T> features = new ArrayList<>();
    JsonNode list = require(root, "features", document);
    for (int i = 0; i < list.size(); i++) {
      JsonNode f = list.get(i);
      String name = text(f, "name", "features[" + i + "]");
      String where = "feature '" + name + "'";
      try {
        InferredType type = InferredType.fromWireName(text(f, "inferred_type", where));
        features.add(reader.read(f, name, type, where));
      } catch (IllegalArgumentException e) {
        throw new StatsJsonException(where + ": " + e.getMessage(), e);
      }
    }
    return features;
  }

  static JsonNode require(JsonNode node, String field, String where) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull()) {
      throw new StatsJsonException(where + " is missing field '" + field + "'");
    }
    return value;
  }

  static double number(JsonNode node, String field, String where) {
    JsonNode v = require(node, field, where);
    if (!v.isNumber()) {
      throw new StatsJsonException(where + "." + field + " must be a number, found " + v);
    }
    return v.asDouble();
  }

  static long count(JsonNode node, String field, String where) {
    double d = number(node, field, where);
    if (d < 0 || d != Math.rint(d)) {
      throw new StatsJsonException(where + "." + field + " must be a whole number >= 0, found " + d);
    }
    return (long) d;
  }

  static String text(JsonNode node, String field, String where) {
    JsonNode v = require(node, field, where);
    if (!v.isTextual()) {
      throw new StatsJsonException(where + "." + field + " must be a string, found " + v);
    }
    return v.asText();
  }

  static double numberOr(JsonNode node, String field, double fallback, String where) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? fallback : number(node, field, where);
  }

  static boolean enabledOr(JsonNode node, String field, boolean fallback, String where) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    String s = v.asText();
    if (s.equals("Enabled")) {
      return true;
    }
    if (s.equals("Disabled")) {
      return false;
    }
    throw new StatsJsonException(where + "." + field + " must be Enabled or Disabled, found '" + s + "'");
  }
}
