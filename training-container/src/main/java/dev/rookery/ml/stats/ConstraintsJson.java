package dev.rookery.ml.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes Model Monitor's {@code constraints.json} (version 0), field names as in the
 * SageMaker developer guide page {@code model-monitor-byoc-constraints}. Absent
 * {@code monitoring_config} fields take Model Monitor's defaults when read.
 */
public final class ConstraintsJson {
  /** File name of the constraints in every output folder. */
  public static final String FILE_NAME = "constraints.json";

  private ConstraintsJson() {}

  /** The constraints as a JSON tree. */
  public static ObjectNode toJson(Constraints constraints) {
    ObjectNode root = StatisticsJson.MAPPER.createObjectNode();
    root.put("version", 0);
    ArrayNode features = root.putArray("features");
    for (FeatureConstraints f : constraints.features()) {
      ObjectNode node = features.addObject();
      node.put("name", f.name());
      node.put("inferred_type", f.inferredType().wireName());
      node.put("completeness", f.completeness());
      if (f.isNonNegative() != null) {
        node.putObject("num_constraints").put("is_non_negative", f.isNonNegative());
      }
      if (f.domains() != null) {
        ArrayNode domains = node.putObject("string_constraints").putArray("domains");
        f.domains().forEach(domains::add);
      }
    }
    MonitoringConfig c = constraints.monitoringConfig();
    ObjectNode config = root.putObject("monitoring_config");
    config.put("evaluate_constraints", enabled(c.evaluateConstraints()));
    config.put("emit_metrics", enabled(c.emitMetrics()));
    config.put("datatype_check_threshold", c.datatypeCheckThreshold());
    config.put("domain_content_threshold", c.domainContentThreshold());
    DistributionConstraints d = c.distributionConstraints();
    config.putObject("distribution_constraints")
        .put("perform_comparison", enabled(d.performComparison()))
        .put("comparison_threshold", d.comparisonThreshold())
        .put("comparison_method", d.comparisonMethod().wireName())
        .put("categorical_comparison_threshold", d.categoricalComparisonThreshold())
        .put("categorical_drift_method", d.categoricalDriftMethod());
    return root;
  }

  private static String enabled(boolean on) {
    return on ? "Enabled" : "Disabled";
  }

  /**
   * Parses a constraints tree.
   *
   * @throws StatsJsonException naming the feature and field that is missing or wrong
   */
  public static Constraints fromJson(JsonNode root) {
    List<FeatureConstraints> features = JsonFields.features(root, "constraints", (f, name, type, where) -> {
      double completeness = JsonFields.numberOr(f, "completeness", 0, where);
      Boolean nonNegative = null;
      JsonNode num = f.get("num_constraints");
      if (num != null && num.has("is_non_negative")) {
        nonNegative = num.get("is_non_negative").asBoolean();
      }
      List<String> domains = null;
      JsonNode str = f.get("string_constraints");
      if (str != null && str.has("domains")) {
        domains = new ArrayList<>();
        for (JsonNode d : str.get("domains")) {
          domains.add(d.asText());
        }
      }
      return new FeatureConstraints(name, type, completeness, nonNegative, domains);
    });
    MonitoringConfig defaults = MonitoringConfig.defaults();
    DistributionConstraints dd = defaults.distributionConstraints();
    JsonNode c = root.get("monitoring_config");
    JsonNode d = c == null ? null : c.get("distribution_constraints");
    String where = "monitoring_config";
    try {
      DistributionConstraints distribution = new DistributionConstraints(
          JsonFields.enabledOr(d, "perform_comparison", dd.performComparison(), where),
          JsonFields.numberOr(d, "comparison_threshold", dd.comparisonThreshold(), where),
          d != null && d.has("comparison_method")
              ? ComparisonMethod.fromWireName(d.get("comparison_method").asText())
              : dd.comparisonMethod(),
          JsonFields.numberOr(d, "categorical_comparison_threshold", dd.categoricalComparisonThreshold(), where),
          d != null && d.has("categorical_drift_method")
              ? d.get("categorical_drift_method").asText()
              : dd.categoricalDriftMethod());
      MonitoringConfig config = new MonitoringConfig(
          JsonFields.enabledOr(c, "evaluate_constraints", defaults.evaluateConstraints(), where),
          JsonFields.enabledOr(c, "emit_metrics", defaults.emitMetrics(), where),
          JsonFields.numberOr(c, "datatype_check_threshold", defaults.datatypeCheckThreshold(), where),
          JsonFields.numberOr(c, "domain_content_threshold", defaults.domainContentThreshold(), where),
          distribution);
      return new Constraints(features, config);
    } catch (IllegalArgumentException e) {
      throw new StatsJsonException(where + ": " + e.getMessage(), e);
    }
  }

  /** Writes the constraints to a file (creating parent folders). */
  public static void write(Constraints constraints, Path file) throws IOException {
    AtomicFiles.writeJson(file, toJson(constraints));
  }

  /**
   * Reads a {@code constraints.json}.
   *
   * @throws StatsJsonException naming the file and what is wrong in it
   */
  public static Constraints read(Path file) {
    try {
      return fromJson(StatisticsJson.MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new StatsJsonException("cannot read constraints file " + file + ": " + e.getMessage(), e);
    } catch (StatsJsonException e) {
      throw new StatsJsonException("invalid constraints file " + file + ": " + e.getMessage(), e);
    }
  }
}
