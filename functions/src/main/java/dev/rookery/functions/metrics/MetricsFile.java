package dev.rookery.functions.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidMetricsFileException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitor mode's {@code cloudwatch_metrics.json}: {@code {"namespace": "...", "metrics":
 * [{"MetricName","Timestamp","Dimensions":[{"Name","Value"}],"Value"|"StatisticValues","Unit"}]}}.
 * {@code Timestamp} is ISO-8601 text or epoch seconds.
 *
 * @param namespace the file's namespace, or {@code null} if it names none
 * @param metrics the metrics, in file order
 */
public record MetricsFile(String namespace, List<MetricDatum> metrics) {
  /** Copies. */
  public MetricsFile {
    metrics = List.copyOf(metrics);
  }

  /**
   * @param uri the file, for messages
   * @param bytes its content
   * @return the parsed file
   * @throws InvalidMetricsFileException naming the bad field and metric index
   */
  public static MetricsFile parse(String uri, byte[] bytes) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new InvalidMetricsFileException(uri, "not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidMetricsFileException(uri, "must be a JSON object, found " + Json.describe(root));
    }
    JsonNode namespace = root.get("namespace");
    if (namespace != null && !namespace.isNull() && !namespace.isTextual()) {
      throw new InvalidMetricsFileException(uri, "namespace must be a string, found "
          + Json.describe(namespace));
    }
    JsonNode metrics = root.get("metrics");
    if (metrics == null || !metrics.isArray()) {
      throw new InvalidMetricsFileException(uri, "metrics must be an array, found "
          + Json.describe(metrics));
    }
    List<MetricDatum> data = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      data.add(datum(uri, "metrics[" + i + "]", metrics.get(i)));
    }
    String ns = namespace == null || namespace.isNull() || namespace.asText().isBlank()
        ? null : namespace.asText();
    return new MetricsFile(ns, data);
  }

  private static MetricDatum datum(String uri, String path, JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidMetricsFileException(uri, path + " must be an object, found " + Json.describe(node));
    }
    String name = text(uri, path + ".MetricName", node.get("MetricName"));
    Instant timestamp = timestamp(uri, path + ".Timestamp", node.get("Timestamp"));
    Map<String, String> dimensions = new LinkedHashMap<>();
    JsonNode dims = node.get("Dimensions");
    if (dims != null && !dims.isNull()) {
      if (!dims.isArray()) {
        throw new InvalidMetricsFileException(uri, path + ".Dimensions must be an array, found "
            + Json.describe(dims));
      }
      for (int d = 0; d < dims.size(); d++) {
        String dpath = path + ".Dimensions[" + d + "]";
        dimensions.put(text(uri, dpath + ".Name", dims.get(d).get("Name")),
            text(uri, dpath + ".Value", dims.get(d).get("Value")));
      }
    }
    Double value = null;
    MetricDatum.Statistics statistics = null;
    JsonNode stats = node.get("StatisticValues");
    if (stats != null && !stats.isNull()) {
      statistics = new MetricDatum.Statistics(number(uri, path + ".StatisticValues.SampleCount",
          stats.get("SampleCount")), number(uri, path + ".StatisticValues.Sum", stats.get("Sum")),
          number(uri, path + ".StatisticValues.Minimum", stats.get("Minimum")),
          number(uri, path + ".StatisticValues.Maximum", stats.get("Maximum")));
    } else {
      value = number(uri, path + ".Value", node.get("Value"));
    }
    JsonNode unit = node.get("Unit");
    String unitText = unit == null || unit.isNull() ? null : text(uri, path + ".Unit", unit);
    return new MetricDatum(name, timestamp, dimensions, value, statistics, unitText);
  }

  private static String text(String uri, String path, JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new InvalidMetricsFileException(uri, path + " must be a non-blank string, found "
          + Json.describe(node));
    }
    return node.asText();
  }

  private static double number(String uri, String path, JsonNode node) {
    if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
      throw new InvalidMetricsFileException(uri, path + " must be a finite number, found "
          + Json.describe(node));
    }
    return node.asDouble();
  }

  private static Instant timestamp(String uri, String path, JsonNode node) {
    if (node != null && node.isNumber()) {
      return Instant.ofEpochMilli(Math.round(node.asDouble() * 1000));
    }
    String text = text(uri, path, node);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidMetricsFileException(uri, path + " must be ISO-8601 (e.g."
          + " 2024-01-01T00:00:00Z) or epoch seconds, found '" + text + "'");
    }
  }
}
