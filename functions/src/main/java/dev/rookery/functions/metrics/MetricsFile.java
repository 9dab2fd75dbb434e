package dev.rookery.functions.metrics;

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
    Object root;
    try {
      root = Json.parse(bytes);
    } catch (IOException e) {
      throw new InvalidMetricsFileException(uri, "not valid JSON: " + e.getMessage());
    }
    if (!(root instanceof Map)) {
      throw new InvalidMetricsFileException(uri, "must be a JSON object, found " + Json.describe(root));
    }
    Map<String, Object> file = Json.asObject(root, "$");
    Object namespace = file.get("namespace");
    if (namespace != null && !(namespace instanceof String)) {
      throw new InvalidMetricsFileException(uri, "namespace must be a string, found "
          + Json.describe(namespace));
    }
    Object metrics = file.get("metrics");
    if (!(metrics instanceof List<?> list)) {
      throw new InvalidMetricsFileException(uri, "metrics must be an array, found "
          + Json.describe(metrics));
    }
    List<MetricDatum> data = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      data.add(datum(uri, "metrics[" + i + "]", list.get(i)));
    }
    String ns = namespace == null || ((String) namespace).isBlank() ? null : (String) namespace;
    return new MetricsFile(ns, data);
  }

  private static MetricDatum datum(String uri, String path, Object element) {
    if (!(element instanceof Map)) {
      throw new InvalidMetricsFileException(uri, path + " must be an object, found " + Json.describe(element));
    }
    Map<String, Object> node = Json.asObject(element, path);
    String name = text(uri, path + ".MetricName", node.get("MetricName"));
    Instant timestamp = timestamp(uri, path + ".Timestamp", node.get("Timestamp"));
    Map<String, String> dimensions = new LinkedHashMap<>();
    Object dims = node.get("Dimensions");
    if (dims != null) {
      if (!(dims instanceof List<?> dimList)) {
        throw new InvalidMetricsFileException(uri, path + ".Dimensions must be an array, found "
            + Json.describe(dims));
      }
      for (int d = 0; d < dimList.size(); d++) {
        String dpath = path + ".Dimensions[" + d + "]";
        if (!(dimList.get(d) instanceof Map)) {
          throw new InvalidMetricsFileException(uri, dpath + " must be an object, found "
              + Json.describe(dimList.get(d)));
        }
        Map<String, Object> dim = Json.asObject(dimList.get(d), dpath);
        dimensions.put(text(uri, dpath + ".Name", dim.get("Name")),
            text(uri, dpath + ".Value", dim.get("Value")));
      }
    }
    Double value = null;
    MetricDatum.Statistics statistics = null;
    Object stats = node.get("StatisticValues");
    if (stats != null) {
      if (!(stats instanceof Map)) {
        throw new InvalidMetricsFileException(uri, path + ".StatisticValues must be an object, found "
            + Json.describe(stats));
      }
      Map<String, Object> s = Json.asObject(stats, path);
      statistics = new MetricDatum.Statistics(
          number(uri, path + ".StatisticValues.SampleCount", s.get("SampleCount")),
          number(uri, path + ".StatisticValues.Sum", s.get("Sum")),
          number(uri, path + ".StatisticValues.Minimum", s.get("Minimum")),
          number(uri, path + ".StatisticValues.Maximum", s.get("Maximum")));
    } else {
      value = number(uri, path + ".Value", node.get("Value"));
    }
    Object unit = node.get("Unit");
    String unitText = unit == null ? null : text(uri, path + ".Unit", unit);
    return new MetricDatum(name, timestamp, dimensions, value, statistics, unitText);
  }

  private static String text(String uri, String path, Object node) {
    if (!(node instanceof String text) || text.isBlank()) {
      throw new InvalidMetricsFileException(uri, path + " must be a non-blank string, found "
          + (node == null ? "nothing" : Json.describe(node)));
    }
    return text;
  }

  private static double number(String uri, String path, Object node) {
    if (!(node instanceof Number number) || !Double.isFinite(number.doubleValue())) {
      throw new InvalidMetricsFileException(uri, path + " must be a finite number, found "
          + (node == null ? "nothing" : Json.describe(node)));
    }
    return number.doubleValue();
  }

  private static Instant timestamp(String uri, String path, Object node) {
    if (node instanceof Number seconds) {
      return Instant.ofEpochMilli(Math.round(seconds.doubleValue() * 1000));
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
