package dev.rookery.ml.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.ml.stats.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model-quality files in Model Monitor's shapes for {@code MulticlassClassification} (SageMaker
 * developer guide, "Model quality metrics" and "Create a model quality baseline"), written by the
 * {@code evaluate} mode as the baseline and by the model-quality job for each window:
 *
 * <pre>{@code
 * statistics.json:  {"version": 0.0, "dataset": {"item_count": 52, "evaluation_time": "2026-12-03T13:00:00Z"},
 *                    "multiclass_classification_metrics": {"confusion_matrix": {...}, "accuracy": {"value", "standard_deviation"}, ...},
 *                    "per_class": {...}, "classes": [...], "item_count": 52}
 * constraints.json: {"version": 0.0,
 *                    "multiclass_classification_constraints": {"accuracy": {"threshold": 0.92, "comparison_operator": "LessThanThreshold"}},
 *                    "classes": ["Adelie", "Chinstrap", "Gentoo"], "baseline_accuracy": 0.97, "accuracy_tolerance": 0.05}
 * }</pre>
 *
 * The threshold is the baseline (test) accuracy minus {@code model_quality.accuracy_tolerance}, at
 * least 0. {@code classes}, {@code baseline_accuracy} and {@code accuracy_tolerance} are Rookery's
 * additions (Model Monitor lets a container extend the file): the job needs the model's classes to
 * tell a label of an unknown class from a wrong prediction, and the report draws the baseline.
 * Only {@code accuracy} is constrained; a user may add other metrics of the statistics (e.g.
 * {@code weighted_f1}) with {@code LessThanThreshold} or {@code GreaterThanThreshold} and the job
 * checks them too.
 */
public final class ModelQualityFiles {
  /** The folder next to {@code evaluation.json} that holds the baseline. */
  public static final String BASELINE_DIR = "model-quality";
  /** File name of the statistics. */
  public static final String STATISTICS_FILE = "statistics.json";
  /** File name of the constraints. */
  public static final String CONSTRAINTS_FILE = "constraints.json";
  /** Model Monitor's operator for "a violation when the metric is below the threshold". */
  public static final String LESS_THAN_THRESHOLD = "LessThanThreshold";
  /** Model Monitor's operator for "a violation when the metric is above the threshold". */
  public static final String GREATER_THAN_THRESHOLD = "GreaterThanThreshold";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ModelQualityFiles() {}

  /**
   * One constraint.
   *
   * @param metric a key of {@code multiclass_classification_metrics} ({@code accuracy})
   * @param threshold the bound
   * @param comparisonOperator {@link #LESS_THAN_THRESHOLD} or {@link #GREATER_THAN_THRESHOLD}
   */
  public record Constraint(String metric, double threshold, String comparisonOperator) {
    /** Whether a value breaks the constraint. */
    public boolean violatedBy(double value) {
      return LESS_THAN_THRESHOLD.equals(comparisonOperator) ? value < threshold : value > threshold;
    }
  }

  /**
   * A model-quality {@code constraints.json}, read.
   *
   * @param classes the model's classes
   * @param constraints the checks, in file order
   * @param baselineAccuracy the test accuracy the threshold was derived from, or NaN when absent
   */
  public record Constraints(List<String> classes, List<Constraint> constraints, double baselineAccuracy) {
    public Constraints {
      classes = List.copyOf(classes);
      constraints = List.copyOf(constraints);
    }

    /** The accuracy threshold, or NaN when accuracy is not constrained. */
    public double accuracyThreshold() {
      return constraints.stream().filter(c -> c.metric().equals("accuracy")).mapToDouble(Constraint::threshold)
          .findFirst().orElse(Double.NaN);
    }
  }

  /** The statistics tree of an evaluation, at {@code evaluationTime}. */
  public static ObjectNode statistics(Evaluation e, Instant evaluationTime) {
    ObjectNode root = header(e.itemCount(), evaluationTime);
    Evaluator.putMetrics(root, e);
    return root;
  }

  /** {@code {"version": 0.0, "dataset": {"item_count", "evaluation_time"}}}, the start of every statistics file. */
  public static ObjectNode header(long itemCount, Instant evaluationTime) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 0.0);
    root.putObject("dataset").put("item_count", itemCount).put("evaluation_time", evaluationTime.toString());
    return root;
  }

  /** The constraints tree of a baseline evaluation: accuracy below {@code accuracy - tolerance} is a violation. */
  public static ObjectNode constraints(Evaluation e, double tolerance) {
    if (!(tolerance >= 0 && tolerance <= 1)) {
      throw new IllegalArgumentException("accuracy tolerance must be between 0 and 1, found " + tolerance);
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 0.0);
    root.putObject("multiclass_classification_constraints").putObject("accuracy")
        .put("threshold", Math.max(0, e.accuracy() - tolerance))
        .put("comparison_operator", LESS_THAN_THRESHOLD);
    e.classes().forEach(root.putArray("classes")::add);
    root.put("baseline_accuracy", e.accuracy());
    root.put("accuracy_tolerance", tolerance);
    return root;
  }

  /**
   * Writes {@code <dir>/model-quality/statistics.json} and {@code constraints.json}.
   *
   * @return the {@code model-quality} folder
   */
  public static Path writeBaseline(Evaluation e, double tolerance, Instant evaluationTime, Path dir) throws IOException {
    Path out = dir.resolve(BASELINE_DIR);
    Files.createDirectories(out);
    AtomicFiles.writeJson(out.resolve(STATISTICS_FILE), statistics(e, evaluationTime));
    AtomicFiles.writeJson(out.resolve(CONSTRAINTS_FILE), constraints(e, tolerance));
    return out;
  }

  /**
   * Reads a model-quality {@code constraints.json}.
   *
   * @throws IllegalArgumentException naming the file and the field at fault
   */
  public static Constraints readConstraints(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read model-quality constraints " + file + ": " + e.getMessage(), e);
    }
    String where = "model-quality constraints " + file + ": ";
    JsonNode section = root == null ? null : root.get("multiclass_classification_constraints");
    if (section == null || !section.isObject()) {
      throw new IllegalArgumentException(where + "multiclass_classification_constraints must be an object, found "
          + (section == null ? "none" : section));
    }
    List<Constraint> constraints = new ArrayList<>();
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    section.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
    for (Map.Entry<String, JsonNode> f : fields.entrySet()) {
      JsonNode threshold = f.getValue().get("threshold");
      String operator = f.getValue().path("comparison_operator").asText(LESS_THAN_THRESHOLD);
      if (threshold == null || !threshold.isNumber()) {
        throw new IllegalArgumentException(where + f.getKey() + ".threshold must be a number, found " + threshold);
      }
      if (!operator.equals(LESS_THAN_THRESHOLD) && !operator.equals(GREATER_THAN_THRESHOLD)) {
        throw new IllegalArgumentException(where + f.getKey() + ".comparison_operator must be " + LESS_THAN_THRESHOLD
            + " or " + GREATER_THAN_THRESHOLD + ", found '" + operator + "'");
      }
      constraints.add(new Constraint(f.getKey(), threshold.asDouble(), operator));
    }
    JsonNode classes = root.get("classes");
    if (classes == null || !classes.isArray() || classes.isEmpty()) {
      throw new IllegalArgumentException(where + "classes must be a non-empty array of the model's classes, found "
          + classes);
    }
    List<String> names = new ArrayList<>();
    classes.forEach(c -> names.add(c.asText()));
    JsonNode baseline = root.get("baseline_accuracy");
    return new Constraints(names, constraints, baseline != null && baseline.isNumber() ? baseline.asDouble() : Double.NaN);
  }
}
