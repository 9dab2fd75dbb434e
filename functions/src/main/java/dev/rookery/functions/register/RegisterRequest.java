package dev.rookery.functions.register;

import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline state handed to the register step (docs/architecture.md, Lambda contracts).
 *
 * @param executionName the pipeline execution, also the idempotency key
 * @param datasetUri the dataset object
 * @param datasetVersion its version id or ETag
 * @param trainingJobName the best training job
 * @param hyperparameters its hyperparameters (strings, SageMaker style), sorted by name
 * @param modelDataUrl its {@code model.tar.gz}
 * @param evaluationUri {@code evaluation.json}
 * @param accuracy the evaluated accuracy, in [0, 1]
 * @param statisticsUri baseline {@code statistics.json}
 * @param constraintsUri baseline {@code constraints.json}
 */
public record RegisterRequest(String executionName, String datasetUri, String datasetVersion,
    String trainingJobName, Map<String, String> hyperparameters, String modelDataUrl,
    String evaluationUri, double accuracy, String statisticsUri, String constraintsUri) {
  /** Validates: the URIs are s3, the accuracy a fraction. */
  public RegisterRequest {
    hyperparameters = Map.copyOf(hyperparameters);
    requireS3("dataset.uri", datasetUri);
    requireS3("modelDataUrl", modelDataUrl);
    requireS3("evaluation.uri", evaluationUri);
    requireS3("baseline.statisticsUri", statisticsUri);
    requireS3("baseline.constraintsUri", constraintsUri);
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new InvalidEventException("evaluation.accuracy", "must be within [0, 1], found " + accuracy);
    }
  }

  private static void requireS3(String field, String value) {
    if (value == null || !value.startsWith("s3://") || value.length() <= 5) {
      throw new InvalidEventException(field, "must be an s3:// URI, found '" + value + "'");
    }
  }

  /**
   * @param input the state machine's input to the task
   * @return the request
   * @throws InvalidEventException naming the first missing or malformed field
   */
  public static RegisterRequest parse(Map<String, Object> input) {
    Map<String, Object> dataset = Json.object(input, "dataset", "dataset");
    Map<String, Object> evaluation = Json.object(input, "evaluation", "evaluation");
    Map<String, Object> baseline = Json.object(input, "baseline", "baseline");
    Map<String, Object> hyper = Json.object(input, "hyperparameters", "hyperparameters");
    Map<String, String> hyperparameters = new TreeMap<>();
    for (Map.Entry<String, Object> entry : hyper.entrySet()) {
      Object value = entry.getValue();
      if (value instanceof BigDecimal decimal) {
        hyperparameters.put(entry.getKey(), decimal.toPlainString());
      } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        hyperparameters.put(entry.getKey(), String.valueOf(value));
      } else {
        throw new InvalidEventException("hyperparameters." + entry.getKey(),
            "must be a string or number, found " + Json.describe(value));
      }
    }
    return new RegisterRequest(
        Json.text(input, "executionName", "executionName"),
        Json.text(dataset, "uri", "dataset.uri"),
        Json.text(dataset, "version", "dataset.version"),
        Json.text(input, "trainingJobName", "trainingJobName"),
        hyperparameters,
        Json.text(input, "modelDataUrl", "modelDataUrl"),
        Json.text(evaluation, "uri", "evaluation.uri"),
        Json.number(evaluation, "accuracy", "evaluation.accuracy"),
        Json.text(baseline, "statisticsUri", "baseline.statisticsUri"),
        Json.text(baseline, "constraintsUri", "baseline.constraintsUri"));
  }
}
