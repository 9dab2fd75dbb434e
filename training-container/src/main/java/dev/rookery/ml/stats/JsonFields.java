package dev.rookery.ml.stats;

import com.fasterxml.jackson.databind.JsonNode;

/** Field access that names what is missing. */
final class JsonFields {
  private JsonFields() {}

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
