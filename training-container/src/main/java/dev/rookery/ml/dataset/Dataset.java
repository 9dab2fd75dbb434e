package dev.rookery.ml.dataset;

import dev.rookery.ml.exceptions.DatasetException;
import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.schema.Schema;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated labelled dataset: the schema, and per row the label and the raw feature values.
 * Rows are kept as read (header order); {@link #features(int)} gives a row in the schema's
 * canonical feature order.
 */
public final class Dataset {
  private static final System.Logger LOG = System.getLogger(Dataset.class.getName());

  private final Path file;
  private final Schema schema;
  private final List<String[]> rows;
  private final long[] lines;
  private final int targetColumn;
  private final int[] featureColumns;
  private final int droppedRows;

  private Dataset(
      Path file, Schema schema, List<String[]> rows, long[] lines, int targetColumn, int[] featureColumns, int dropped) {
    this.file = file;
    this.schema = schema;
    this.rows = rows;
    this.lines = lines;
    this.targetColumn = targetColumn;
    this.featureColumns = featureColumns;
    this.droppedRows = dropped;
  }

  /**
   * Loads a user dataset and infers its schema. Rows without a target value are dropped (and
   * counted in the log and in {@link #droppedRows()}).
   *
   * @throws DatasetException on any bad input: see {@link CsvTable#read} and {@link
   *     SchemaInference}; also a missing target column, or fewer than two classes
   */
  public static Dataset load(Path file, String target) {
    CsvTable table = CsvTable.read(file);
    int targetColumn = table.columnIndex(target);
    if (targetColumn < 0) {
      throw new DatasetException(
          file, 1, target, "the target column is not in the header " + table.header());
    }
    if (table.header().size() < 2) {
      throw new DatasetException(file, 1, null, "the file has no feature column besides the target '" + target + "'");
    }
    int[] kept = new int[table.size()];
    int n = 0;
    Map<String, Integer> counts = new TreeMap<>();
    for (int r = 0; r < table.size(); r++) {
      String label = table.rows().get(r)[targetColumn];
      if (!Values.isMissing(label)) {
        kept[n++] = r;
        counts.merge(label, 1, Integer::sum);
      }
    }
    kept = java.util.Arrays.copyOf(kept, n);
    int dropped = table.size() - n;
    if (dropped > 0) {
      LOG.log(System.Logger.Level.INFO, () -> "dropped " + dropped + " rows without a '" + target + "' value from " + file);
    }
    if (counts.size() < 2) {
      throw new DatasetException(
          file,
          0,
          target,
          "the target needs at least 2 classes, found "
              + counts.size()
              + (counts.isEmpty() ? "" : " ('" + counts.keySet().iterator().next() + "', " + n + " rows)"));
    }
    Schema schema = SchemaInference.infer(table, target, kept, List.copyOf(counts.keySet()));
    List<String[]> rows = new ArrayList<>(n);
    long[] lines = new long[n];
    for (int i = 0; i < n; i++) {
      rows.add(table.rows().get(kept[i]));
      lines[i] = table.lines()[kept[i]];
    }
    return new Dataset(file, schema, rows, lines, targetColumn, featureColumns(table.header(), schema), dropped);
  }

  /**
   * Loads a split file written by preprocessing: its header must be the target then the schema's
   * features, every label one of the schema's classes and every numeric value a number.
   *
   * @throws DatasetException naming line and column of the first bad value
   */
  public static Dataset loadWithSchema(Path file, Schema schema) {
    CsvTable table = CsvTable.read(file);
    List<String> expected = new ArrayList<>();
    expected.add(schema.target());
    expected.addAll(schema.featureNames());
    if (!table.header().equals(expected)) {
      throw new DatasetException(file, 1, null, "header " + table.header() + " does not match the schema's " + expected);
    }
    int[] featureColumns = featureColumns(table.header(), schema);
    for (int r = 0; r < table.size(); r++) {
      String[] row = table.rows().get(r);
      if (!schema.classes().contains(row[0])) {
        throw new DatasetException(
            file, table.lines()[r], schema.target(), "label '" + row[0] + "' is not one of the classes " + schema.classes());
      }
      for (int f = 0; f < featureColumns.length; f++) {
        Feature feature = schema.features().get(f);
        String value = row[featureColumns[f]];
        if (feature.type() == FeatureType.NUMERIC && !Values.isMissing(value) && !Values.isNumber(value)) {
          throw new DatasetException(file, table.lines()[r], feature.name(), "value '" + value + "' is not a number");
        }
      }
    }
    return new Dataset(file, schema, table.rows(), table.lines(), 0, featureColumns, 0);
  }

  private static int[] featureColumns(List<String> header, Schema schema) {
    int[] columns = new int[schema.features().size()];
    for (int f = 0; f < columns.length; f++) {
      columns[f] = header.indexOf(schema.features().get(f).name());
    }
    return columns;
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /** The schema (inferred, or given to {@link #loadWithSchema}). */
  public Schema schema() {
    return schema;
  }

  /** Number of rows (rows without target excluded). */
  public int size() {
    return rows.size();
  }

  /** Rows dropped because their target was missing. */
  public int droppedRows() {
    return droppedRows;
  }

  /** Label of a row. */
  public String label(int row) {
    return rows.get(row)[targetColumn];
  }

  /** Physical line of a row in the file, for error messages. */
  public long line(int row) {
    return lines[row];
  }

  /** Raw feature values of a row in canonical order (a new array). */
  public String[] features(int row) {
    String[] raw = rows.get(row);
    String[] out = new String[featureColumns.length];
    for (int f = 0; f < out.length; f++) {
      out[f] = raw[featureColumns[f]];
    }
    return out;
  }

  /** The rows at the given indices, features in canonical order, created lazily. */
  public List<String[]> featureRows(int[] indices) {
    return new AbstractList<>() {
      @Override
      public String[] get(int i) {
        return features(indices[i]);
      }

      @Override
      public int size() {
        return indices.length;
      }
    };
  }
}
