package dev.rookery.container;

import dev.rookery.settings.PipelineSettings;
import dev.rookery.settings.SplitFractions;
import dev.rookery.ml.exceptions.DatasetException;
import dev.rookery.ml.preprocess.PreprocessOptions;
import dev.rookery.ml.preprocess.PreprocessResult;
import dev.rookery.ml.preprocess.Preprocessor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code preprocess}: reads the one CSV under {@code /opt/ml/processing/input} and writes the
 * splits under {@code /opt/ml/processing/{train,validation,test}}.
 *
 * <p>Options: {@code --input FILE|DIR}, {@code --output DIR} (root of the split directories),
 * {@code --settings pipeline.json} (default: the embedded one), {@code --target NAME}, {@code
 * --seed N}, {@code --split 0.7,0.15,0.15}.
 */
final class PreprocessMode {
  static final Set<String> OPTIONS = Set.of("input", "output", "settings", "target", "seed", "split");

  private PreprocessMode() {}

  static int run(String[] args, OptMl optMl, PrintStream out) throws IOException {
    Arguments a = Arguments.parse(args, OPTIONS);
    PipelineSettings settings =
        a.has("settings") ? PipelineSettings.load(Path.of(a.get("settings", null))) : PipelineSettings.bundled();
    Path input = Path.of(a.get("input", optMl.resolve("processing/input").toString()));
    Path output = Path.of(a.get("output", optMl.resolve("processing").toString()));
    long seed;
    try {
      seed = Long.parseLong(a.get("seed", Long.toString(settings.seed())));
    } catch (NumberFormatException e) {
      throw new Arguments.UsageException("--seed must be an integer, found '" + a.get("seed", "") + "'");
    }
    SplitFractions split = a.has("split") ? SplitFractions.parse(a.get("split", null)) : settings.split();
    PreprocessOptions options = new PreprocessOptions(a.get("target", settings.target()), seed, split, output);
    PreprocessResult r = Preprocessor.run(csvIn(input), options);
    out.printf(
        "preprocess: %d rows (%d dropped without target), train %d, validation %d, test %d, %d features -> %s%n",
        r.rows(), r.droppedRows(), r.trainRows(), r.validationRows(), r.testRows(), r.schema().features().size(), output);
    return 0;
  }

  /** The input CSV: the file itself, or the only {@code .csv} in the directory. */
  static Path csvIn(Path input) throws IOException {
    if (!Files.isDirectory(input)) {
      return input;
    }
    try (Stream<Path> files = Files.list(input)) {
      List<Path> csvs = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
      if (csvs.size() != 1) {
        throw new DatasetException(input, 0, null, "expected exactly one .csv file in the input directory, found " + csvs);
      }
      return csvs.get(0);
    }
  }
}
