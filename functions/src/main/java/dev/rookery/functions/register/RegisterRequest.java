package dev.rookery.functions.register;

import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import dev.rookery.runs.RunRecord;
import java.util.TreeMap;

/**
 * The pipeline state handed to the register step (docs/architecture.md, Lambda contracts), in the
 * input's own sections.
 *
 * @param executionName the pipeline execution, also the idempotency key
 * @param dataset the dataset object ({@code dataset})
 * @param training the best training job and its model
 * @param evaluation the evaluation ({@code evaluation})
 * @param baseline the data quality baseline ({@code baseline})
 * @param run the run record to complete ({@code run})
 */
public record RegisterRequest(String executionName, Dataset dataset, Training training,
    Evaluation evaluation, Baseline baseline, Run run) {
  /** Validates: the URIs are s3, the accuracy a fraction. */
  public RegisterRequest {
    requireS3("dataset.uri", dataset.uri());
    requireS3("modelDataUrl", training.modelDataUrl());
    requireS3("evaluation.uri", evaluation.uri());
    requireS3("baseline.statisticsUri", baseline.statisticsUri());
    requireS3("baseline.constraintsUri", baseline.constraintsUri());
    requireS3("run.uri", run.uri());
    double accuracy = evaluation.accuracy();
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new InvalidEventException("evaluation.accuracy", "must be within [0, 1], found " + accuracy);
    }
  }

  /**
   * @param uri the dataset object
   * @param version its version id or ETag
   */
  public record Dataset(String uri, String version) {}

  /**
   * @param jobName the best training job
   * @param hyperparameters its hyperparameters (strings, SageMaker style), sorted by name
   * @param modelDataUrl its {@code model.tar.gz}
   */
  public record Training(String jobName, Map<String, String> hyperparameters, String modelDataUrl) {
    /** Copies the hyperparameters. */
    public Training {
      hyperparameters = Map.copyOf(hyperparameters);
    }
  }

  /**
   * @param uri {@code evaluation.json}
   * @param accuracy the evaluated accuracy, in [0, 1]
   */
  public record Evaluation(String uri, double accuracy) {
    /** The evaluate job's model-quality baseline folder, next to {@code evaluation.json}. */
    static final String MODEL_QUALITY_FOLDER = "model-quality/";

    /**
     * @param file {@code statistics.json} or {@code constraints.json}
     * @return that file of the model-quality baseline the evaluate job writes next to
     *     {@code evaluation.json} (Model Monitor's multiclass model-quality shapes)
     */
    public String modelQualityUri(String file) {
      return uri.substring(0, uri.lastIndexOf('/') + 1) + MODEL_QUALITY_FOLDER + file;
    }
  }

  /**
   * @param statisticsUri baseline {@code statistics.json}
   * @param constraintsUri baseline {@code constraints.json}
   */
  public record Baseline(String statisticsUri, String constraintsUri) {}

  /**
   * What the register step adds to the run record that the evaluate job wrote.
   *
   * @param uri the record, {@code s3://<artefacts>/runs/<execution>/run.json}
   * @param settings the execution's complete pipeline settings ({@code $.settings})
   * @param trials the tuning job's training jobs, as ListTrainingJobsForHyperParameterTuningJob
   *     returns them ({@code TrainingJobName}, {@code TunedHyperParameters},
   *     {@code FinalHyperParameterTuningJobObjectiveMetric.Value} when it reported one)
   */
  public record Run(String uri, Map<String, Object> settings, List<RunRecord.Trial> trials) {
    /** Copies. */
    public Run {
      settings = Map.copyOf(settings);
      trials = List.copyOf(trials);
    }

    /** {@code settings.gate.accuracy_threshold}, the gate's threshold. */
    public double accuracyThreshold() {
      return Json.number(Json.object(settings, "gate", "run.settings.gate"), "accuracy_threshold",
          "run.settings.gate.accuracy_threshold");
    }

    /** {@code settings.tuning}'s strategy and objective metric. */
    public String strategy() {
      return Json.text(Json.object(settings, "tuning", "run.settings.tuning"), "strategy", "run.settings.tuning.strategy");
    }
  }

  private static List<RunRecord.Trial> trials(Map<String, Object> run) {
    Object list = run.get("trials");
    if (!(list instanceof List<?> items)) {
      throw new InvalidEventException("run.trials", "must be an array, found " + Json.describe(list));
    }
    List<RunRecord.Trial> trials = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "run.trials[" + i + "]";
      Map<String, Object> job = Json.asObject(items.get(i), path);
      Map<String, String> hyperparameters = new TreeMap<>();
      Object tuned = job.get("TunedHyperParameters");
      if (tuned != null) {
        Json.asObject(tuned, path + ".TunedHyperParameters").forEach((k, v) -> hyperparameters.put(k, String.valueOf(v)));
      }
      Object metric = job.get("FinalHyperParameterTuningJobObjectiveMetric");
      java.util.Optional<Double> value = metric == null ? java.util.Optional.empty()
          : java.util.Optional.of(Json.number(Json.asObject(metric, path + ".FinalHyperParameterTuningJobObjectiveMetric"),
              "Value", path + ".FinalHyperParameterTuningJobObjectiveMetric.Value"));
      trials.add(new RunRecord.Trial(Json.text(job, "TrainingJobName", path + ".TrainingJobName"), hyperparameters, value));
    }
    return trials;
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
    // Read in the input's order, so the first missing field named is the same as ever; the
    // record's constructor then checks the values.
    String executionName = Json.text(input, "executionName", "executionName");
    Dataset datasetPart = new Dataset(Json.text(dataset, "uri", "dataset.uri"),
        Json.text(dataset, "version", "dataset.version"));
    Training training = new Training(Json.text(input, "trainingJobName", "trainingJobName"),
        hyperparameters, Json.text(input, "modelDataUrl", "modelDataUrl"));
    Evaluation evaluationPart = new Evaluation(Json.text(evaluation, "uri", "evaluation.uri"),
        Json.number(evaluation, "accuracy", "evaluation.accuracy"));
    Baseline baselinePart = new Baseline(Json.text(baseline, "statisticsUri", "baseline.statisticsUri"),
        Json.text(baseline, "constraintsUri", "baseline.constraintsUri"));
    Map<String, Object> run = Json.object(input, "run", "run");
    Run runPart = new Run(Json.text(run, "uri", "run.uri"), Json.object(run, "settings", "run.settings"), trials(run));
    return new RegisterRequest(executionName, datasetPart, training, evaluationPart, baselinePart, runPart);
  }
}
