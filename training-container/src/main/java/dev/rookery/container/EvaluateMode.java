package dev.rookery.container;

import dev.rookery.cli.CommandLineOptions;
import dev.rookery.ml.evaluate.Evaluation;
import dev.rookery.cli.UsageException;
import dev.rookery.ml.evaluate.Evaluator;
import dev.rookery.ml.evaluate.ModelQualityFiles;
import dev.rookery.ml.model.ModelBundle;
import dev.rookery.ml.preprocess.SplitDirectory;
import dev.rookery.settings.PipelineSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

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
 */
final class EvaluateMode {
  static final List<String> OPTIONS = List.of("--model", "--test", "--output", "--accuracy-tolerance");

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
    return 0;
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
