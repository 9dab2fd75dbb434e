package dev.rookery.ml.preprocess;

import dev.rookery.ml.dataset.Dataset;
import dev.rookery.ml.exceptions.DatasetException;
import dev.rookery.ml.schema.Schema;
import dev.rookery.ml.schema.SchemaJson;
import dev.rookery.ml.stats.BaselineWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The preprocess step: validate the dataset, split it (stratified, seeded), fit the transformer on
 * the training split, and write under the output root:
 *
 * <pre>
 * train/train.csv           train/schema.json       train/transformer.json
 * validation/validation.csv validation/schema.json  validation/transformer.json
 * test/test.csv             test/schema.json        test/transformer.json
 * baseline/statistics.json  baseline/constraints.json   (Model Monitor baseline of train's raw features)
 * </pre>
 *
 * Everything is validated in memory first and written into a staging directory that is moved into
 * place at the end: bad input leaves no output.
 *
 * <pre>{@code
 * PreprocessResult r = Preprocessor.run(Path.of("penguins.csv"),
 *     PreprocessOptions.from(PipelineSettings.bundled(), Path.of("out")));
 * }</pre>
 */
public final class Preprocessor {
  /** Split names, also the directory names under the output root. */
  public static final String TRAIN = "train";

  /** Validation split name. */
  public static final String VALIDATION = "validation";

  /** Test split name. */
  public static final String TEST = "test";

  /** Baseline directory name. */
  public static final String BASELINE = "baseline";

  private static final System.Logger LOG = System.getLogger(Preprocessor.class.getName());

  private static final CSVFormat OUT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private Preprocessor() {}

  /**
   * Runs the step.
   *
   * @param csv the dataset
   * @throws DatasetException on bad input (nothing written)
   * @throws UncheckedIOException when writing fails (nothing left behind)
   */
  public static PreprocessResult run(Path csv, PreprocessOptions options) {
    Dataset data = Dataset.load(csv, options.target());
    Schema schema = data.schema();
    StratifiedSplitter.Split split = StratifiedSplitter.split(data, options.split(), options.seed());
    Transformer transformer = Transformer.fit(schema, data.featureRows(split.train()));
    LOG.log(System.Logger.Level.INFO, () -> String.format(
        "%s: %d rows (%d dropped without target), split %d/%d/%d",
        csv, data.size(), data.droppedRows(), split.train().length, split.validation().length, split.test().length));

    Path root = options.outputRoot();
    Path staging = null;
    try {
      Files.createDirectories(root);
      staging = Files.createTempDirectory(root, ".staging-");
      writeSplit(staging, TRAIN, data, split.train(), transformer);
      writeSplit(staging, VALIDATION, data, split.validation(), transformer);
      writeSplit(staging, TEST, data, split.test(), transformer);
      // Last step: the drift monitor's baseline, over the training split's raw features.
      BaselineWriter.write(schema, data.featureRows(split.train()), staging.resolve(BASELINE));
      moveInto(staging, root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write preprocessing output under " + root + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(staging);
    }
    return new PreprocessResult(root, schema, transformer, new PreprocessResult.RowCounts(
        data.size(), data.droppedRows(), split.train().length, split.validation().length, split.test().length));
  }

  private static void writeSplit(Path staging, String name, Dataset data, int[] rows, Transformer transformer)
      throws IOException {
    Path dir = Files.createDirectories(staging.resolve(name));
    Schema schema = data.schema();
    List<String> header = new ArrayList<>();
    header.add(schema.target());
    header.addAll(schema.featureNames());
    try (BufferedWriter writer = Files.newBufferedWriter(dir.resolve(SplitDirectory.csvName(name)), StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, OUT)) {
      printer.printRecord(header);
      Object[] record = new Object[header.size()];
      for (int r : rows) {
        record[0] = data.label(r);
        System.arraycopy(data.features(r), 0, record, 1, record.length - 1);
        printer.printRecord(record);
      }
    }
    SchemaJson.write(schema, dir.resolve(SchemaJson.FILE_NAME));
    transformer.write(dir.resolve(Transformer.FILE_NAME));
  }

  /** Moves every file of the staging tree to the same relative place under root (replacing). */
  static void moveInto(Path staging, Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(staging)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path target = root.resolve(staging.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot delete staging directory " + dir + ": " + e.getMessage());
    }
  }
}
