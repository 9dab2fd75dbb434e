package dev.rookery.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The feature columns of a dataset CSV, the target removed, in header order (the canonical
 * feature order of {@code schema.json}): what {@code rookery traffic} samples requests from.
 *
 * @param features feature names in order
 * @param rows raw values, one array per row, in feature order
 * @param labels each row's target value (its true class), for {@code rookery traffic --labels}
 */
public record DatasetRecords(List<String> features, List<String[]> rows, List<String> labels) {
  public DatasetRecords {
    features = List.copyOf(features);
    rows = List.copyOf(rows);
    labels = List.copyOf(labels);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("the dataset has no data rows");
    }
    if (labels.size() != rows.size()) {
      throw new IllegalArgumentException("one label per row: " + rows.size() + " rows, " + labels.size() + " labels");
    }
  }

  /**
   * Only the rows without a missing value ({@code ""} or {@code NA}).
   *
   * @throws CommandFailedException when every row has one
   */
  public DatasetRecords complete() {
    List<String[]> kept = new ArrayList<>();
    List<String> keptLabels = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (java.util.Arrays.stream(rows.get(i)).noneMatch(v -> v == null || v.isEmpty() || v.equals("NA"))) {
        kept.add(rows.get(i));
        keptLabels.add(labels.get(i));
      }
    }
    if (kept.isEmpty()) {
      throw new CommandFailedException("every row of the dataset has a missing value: drop --skip-missing");
    }
    return new DatasetRecords(features, kept, keptLabels);
  }

  /**
   * Reads a CSV with a header row and drops the target column.
   *
   * @throws CommandFailedException when the file cannot be read or has no such target column
   */
  public static DatasetRecords read(Path csv, String target) {
    Objects.requireNonNull(target, "target");
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> header = parser.getHeaderNames();
      int targetIndex = header.indexOf(target);
      if (targetIndex < 0) {
        throw new CommandFailedException(
            "dataset " + csv + " has no target column '" + target + "' (columns: " + header
                + "): pass --target COLUMN");
      }
      List<String> features = new ArrayList<>(header);
      features.remove(targetIndex);
      List<String[]> rows = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (CSVRecord record : parser) {
        labels.add(targetIndex < record.size() ? record.get(targetIndex).strip() : "");
        String[] values = new String[features.size()];
        int j = 0;
        for (int i = 0; i < header.size(); i++) {
          if (i != targetIndex) {
            values[j++] = i < record.size() ? record.get(i) : "";
          }
        }
        rows.add(values);
      }
      return new DatasetRecords(features, rows, labels);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new CommandFailedException("cannot read dataset " + csv + ": " + e.getMessage(), e);
    }
  }
}
