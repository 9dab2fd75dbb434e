package dev.rookery.ml.preprocess;

import dev.rookery.ml.exceptions.ArtifactFormatException;
import dev.rookery.ml.schema.SchemaJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory written by preprocessing for one split (and a SageMaker channel read by training):
 * one CSV ({@code <split>.csv}: the target then the features in canonical order, raw values),
 * {@code schema.json} and {@code transformer.json}.
 *
 * @param dir the directory
 */
public record SplitDirectory(Path dir) {

  /** The split's CSV file name: {@code train.csv}, {@code validation.csv}, {@code test.csv}. */
  public static String csvName(String split) {
    return split + ".csv";
  }

  /** The only {@code *.csv} file in the directory. */
  public Path csv() {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> csvs = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
      if (csvs.size() != 1) {
        throw new ArtifactFormatException("expected exactly one .csv file in " + dir + ", found " + csvs);
      }
      return csvs.get(0);
    } catch (IOException e) {
      throw new ArtifactFormatException("cannot list split directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** {@code schema.json}. */
  public Path schema() {
    return dir.resolve(SchemaJson.FILE_NAME);
  }

  /** {@code transformer.json}. */
  public Path transformer() {
    return dir.resolve(Transformer.FILE_NAME);
  }
}
