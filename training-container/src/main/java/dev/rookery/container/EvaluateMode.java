package dev.rookery.container;

import dev.rookery.cli.CommandLineOptions;
import dev.rookery.cli.UsageException;
import dev.rookery.ml.dataset.CsvTable;
import dev.rookery.ml.evaluate.Evaluation;
import dev.rookery.ml.evaluate.Evaluator;
import dev.rookery.ml.evaluate.ModelQualityFiles;
import dev.rookery.ml.model.ModelBundle;
import dev.rookery.ml.preprocess.SplitDirectory;
import dev.rookery.ml.train.TrainingData;
import dev.rookery.ml.tune.Tuner;
import dev.rookery.runs.RunRecord;
import dev.rookery.settings.PipelineSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code evaluate}: the model ({@code /opt/ml/processing/model/model.tar.gz}, or a model
 * directory) against the test split ({@code /opt/ml/processing/test}); writes {@code
 * /opt/ml/processing/evaluation/evaluation.json} and, next to it, the model-quality baseline
 * {@code model-quality/statistics.json} and {@code model-quality/constraints.json} ({@link
 * ModelQualityFiles}: accuracy threshold = test accuracy minus the tolerance).
 *
 * <p>Options: {@code --model FILE|DIR}, {@code --test DIR}, {@code --output DIR},
 * {@code --accuracy-tolerance X} (default {@code model_quality.accuracy_tolerance}'s,
 * {@value PipelineSettings#DEFAULT_ACCURACY_TOLERANCE}; the pipeline passes its setting).
 *
 * <p>With {@code --run-id}, it also writes the run record's first version, {@code
 * /opt/ml/processing/run/run.json} (the pipeline uploads it to {@code runs/<execution>/run.json}):
 * the dataset's URI ({@code --dataset-uri}) and SHA-256 (of the one CSV in {@code --dataset DIR},
 * default {@code /opt/ml/processing/input}), rows per split ({@code --train DIR}, {@code
 * --validation DIR}, the test split), the chosen trial ({@code --chosen-trial}: the best training
 * job, with the model's hyperparameters), {@code --strategy}, {@code --started-at} and the test
 * metrics. The settings, every trial, the gate and the model version are what the register step
 * adds: this job cannot see them.
 */
final class EvaluateMode {
  static final List<String> OPTIONS = List.of("--model", "--test", "--output", "--run-id", "--started-at",
      "--dataset-uri", "--dataset", "--train", "--validation", "--chosen-trial", "--strategy", "--run-output", "--accuracy-tolerance");

  private EvaluateMode() {}

  static int run(String[] args, OptMl optMl, PrintStream out) throws IOException {
    Map<String, String> a = CommandLineOptions.parse(OPTIONS, args);
    Path model = Path.of(a.getOrDefault("--model", optMl.resolve("processing/model/model.tar.gz").toString()));
    ModelBundle bundle = Files.isDirectory(model) ? ModelBundle.load(model) : ModelBundle.loadTarGz(model);
    Evaluation e = Evaluator.evaluate(bundle, new SplitDirectory(Path.of(a.getOrDefault("--test", optMl.resolve("processing/test").toString()))));
    double tolerance = tolerance(a.get("--accuracy-tolerance"));
    Path output = Path.of(a.getOrDefault("--output", optMl.resolve("processing/evaluation").toString()));
    Path written = Evaluator.write(e, output);
    Path baseline = ModelQualityFiles.writeBaseline(e, tolerance, Instant.now().truncatedTo(ChronoUnit.SECONDS), output);
    out.printf("evaluate: %d records, %s -> %s (model-quality baseline in %s)%n", e.itemCount(),
        dev.rookery.ml.train.ModelTrainer.metricLine("test:accuracy", e.accuracy()), written, baseline);
    if (a.containsKey("--run-id")) {
      Path record = writeRunRecord(a, optMl, bundle, e);
      out.printf("evaluate: run record -> %s%n", record);
    }
    return 0;
  }

  private static Path writeRunRecord(Map<String, String> a, OptMl optMl, ModelBundle bundle, Evaluation e) throws IOException {
    Path datasetDir = Path.of(a.getOrDefault("--dataset", optMl.resolve("processing/input").toString()));
    Path dataset;
    try (var files = Files.list(datasetDir)) {
      List<Path> csvs = files.filter(Files::isRegularFile).toList();
      if (csvs.size() != 1) {
        throw new UsageException("--dataset " + datasetDir + " must hold exactly one file (the pinned dataset), found " + csvs.size());
      }
      dataset = csvs.get(0);
    }
    // Row counts only: the split CSVs are read, not transformed or hashed as a training load would.
    long train = CsvTable.read(new SplitDirectory(Path.of(a.getOrDefault("--train", optMl.resolve("processing/train").toString()))).csv()).size();
    long validation = CsvTable.read(new SplitDirectory(Path.of(a.getOrDefault("--validation", optMl.resolve("processing/validation").toString()))).csv()).size();
    long used = train + validation + e.itemCount();
    String chosen = required(a, "--chosen-trial");
    Instant started;
    try {
      started = Instant.parse(required(a, "--started-at"));
    } catch (java.time.format.DateTimeParseException ex) {
      throw new UsageException("--started-at must be an ISO-8601 instant such as 2026-12-03T13:00:00Z, found '" + a.get("--started-at") + "'");
    }
    RunRecord record = new RunRecord(a.get("--run-id"), started, Instant.now(),
        new RunRecord.Dataset(required(a, "--dataset-uri"), TrainingData.sha256(dataset), bundle.schema().target()),
        new RunRecord.Rows(train, validation, e.itemCount(), Math.max(0, CsvTable.read(dataset).size() - used)),
        Map.of(),
        new RunRecord.Tuning(required(a, "--strategy"), Tuner.OBJECTIVE,
            List.of(new RunRecord.Trial(chosen, bundle.hyperparameters(), Optional.empty())), chosen),
        e.modelMetrics(), Optional.empty(), Optional.empty());
    Path dir = Files.createDirectories(Path.of(a.getOrDefault("--run-output", optMl.resolve("processing/run").toString())));
    Path file = dir.resolve(RunRecord.FILE_NAME);
    Files.writeString(file, record.toJson());
    return file;
  }

  private static String required(Map<String, String> a, String option) {
    String value = a.get(option);
    if (value == null || value.isBlank()) {
      throw new UsageException(option + " is required with --run-id");
    }
    return value;
  }

  private static double tolerance(String value) {
    if (value == null) {
      return PipelineSettings.DEFAULT_ACCURACY_TOLERANCE;
    }
    try {
      double t = Double.parseDouble(value);
      if (t >= 0 && t <= 1) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--accuracy-tolerance must be a number between 0 and 1, found '" + value + "'");
  }
}
