package dev.rookery.ml.stats;

import dev.rookery.ml.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the training baseline of the drift monitor: {@code statistics.json} and
 * {@code constraints.json} in SageMaker Model Monitor's schema, computed in one pass.
 *
 * <pre>{@code
 * BaselineWriter.write(schema, trainRows, Path.of("/opt/ml/processing/baseline"));
 * }</pre>
 */
public final class BaselineWriter {
  private BaselineWriter() {}

  /**
   * Computes the statistics of the rows and the constraints suggested from them (see
   * {@link Constraints#suggest}) and writes both files into {@code outputDir}. Both files are
   * written only once every row has been read; each appears atomically.
   *
   * @param schema the features, in the order of each row's values
   * @param rawRowsInSchemaOrder the rows' raw values (strings), one per schema feature; null,
   *     blank or {@code NA} is missing
   * @param outputDir the folder to write into, created if absent
   * @return the statistics written
   * @throws IllegalArgumentException naming the row when a row has the wrong number of values
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static DatasetStatistics write(Schema schema, Iterable<String[]> rawRowsInSchemaOrder, Path outputDir) {
    StatisticsAccumulator acc = new StatisticsAccumulator(schema.features());
    for (String[] row : rawRowsInSchemaOrder) {
      acc.add(row);
    }
    DatasetStatistics statistics = acc.toStatistics();
    Constraints constraints = Constraints.suggest(statistics);
    Path statisticsFile = outputDir.resolve(StatisticsJson.FILE_NAME);
    Path constraintsFile = outputDir.resolve(ConstraintsJson.FILE_NAME);
    try {
      Files.createDirectories(outputDir);
      StatisticsJson.write(statistics, statisticsFile);
      ConstraintsJson.write(constraints, constraintsFile);
    } catch (IOException e) {
      // Never leave one file without the other.
      try {
        Files.deleteIfExists(statisticsFile);
        Files.deleteIfExists(constraintsFile);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write the baseline to " + outputDir + ": " + e.getMessage(), e);
    }
    return statistics;
  }
}
