package dev.rookery.container;

import dev.rookery.cli.CommandLineOptions;
import dev.rookery.ml.evaluate.Evaluation;
import dev.rookery.ml.evaluate.Evaluator;
import dev.rookery.ml.model.ModelBundle;
import dev.rookery.ml.preprocess.SplitDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate}: the model ({@code /opt/ml/processing/model/model.tar.gz}, or a model
 * directory) against the test split ({@code /opt/ml/processing/test}); writes {@code
 * /opt/ml/processing/evaluation/evaluation.json}.
 *
 * <p>Options: {@code --model FILE|DIR}, {@code --test DIR}, {@code --output DIR}.
 */
final class EvaluateMode {
  static final List<String> OPTIONS = List.of("--model", "--test", "--output");

  private EvaluateMode() {}

  static int run(String[] args, OptMl optMl, PrintStream out) throws IOException {
    Map<String, String> a = CommandLineOptions.parse(OPTIONS, args);
    Path model = Path.of(a.getOrDefault("--model", optMl.resolve("processing/model/model.tar.gz").toString()));
    ModelBundle bundle = Files.isDirectory(model) ? ModelBundle.load(model) : ModelBundle.loadTarGz(model);
    Evaluation e = Evaluator.evaluate(bundle, new SplitDirectory(Path.of(a.getOrDefault("--test", optMl.resolve("processing/test").toString()))));
    Path written = Evaluator.write(e, Path.of(a.getOrDefault("--output", optMl.resolve("processing/evaluation").toString())));
    out.printf("evaluate: %d records, %s -> %s%n", e.itemCount(), dev.rookery.ml.train.ModelTrainer.metricLine("test:accuracy", e.accuracy()), written);
    return 0;
  }
}
