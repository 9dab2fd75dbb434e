package dev.rookery.container;

import dev.rookery.cli.CommandLineOptions;
import dev.rookery.cli.UsageException;
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
import java.util.Map;
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
  static final List<String> OPTIONS = List.of("--input", "--output", "--settings", "--target", "--seed", "--split");

  private PreprocessMode() {}

  static int run(String[] args, OptMl optMl, PrintStream out) throws IOException {
    Map<String, String> a = CommandLineOptions.parse(OPTIONS, args);
    PipelineSettings settings =
        a.containsKey("--settings") ? PipelineSettings.load(Path.of(a.get("--settings"))) : PipelineSettings.bundled();
    Path input = Path.of(a.getOrDefault("--input", optMl.resolve("processing/input").toString()));
    Path output = Path.of(a.getOrDefault("--output", optMl.resolve("processing").toString()));
    long seed;
    try {
      seed = Long.parseLong(a.getOrDefault("--seed", Long.toString(settings.seed())));
    } catch (NumberFormatException e) {
      throw new UsageException("--seed must be an integer, found '" + a.get("--seed") + "'");
    }
    SplitFractions split = a.containsKey("--split") ? SplitFractions.parse(a.get("--split")) : settings.split();
    PreprocessOptions options = new PreprocessOptions(a.getOrDefault("--target", settings.target()), seed, split, output);
    PreprocessResult r = Preprocessor.run(csvIn(input), options);
    out.printf(
        "preprocess: %d rows (%d dropped without target), train %d, validation %d, test %d, %d features -> %s%n",
        r.counts().used(), r.counts().dropped(), r.counts().train(), r.counts().validation(), r.counts().test(), r.schema().features().size(), output);
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
