package dev.rookery.ml.dataset;

import dev.rookery.ml.exceptions.DatasetException;
import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Infers a feature's type from its values.
 *
 * <ul>
 *   <li>every present value is a number: {@link FeatureType#NUMERIC};
 *   <li>more than half of the present values are numbers, the rest text: an error naming the first
 *       text value (a numeric column polluted by text is a data bug, not a category);
 *   <li>otherwise: {@link FeatureType#CATEGORICAL} (so {@code .} in a text column is a category).
 * </ul>
 *
 * Missing values ({@link Values#isMissing}) are ignored. A column with no present value is
 * categorical (it contributes no one-hot column).
 */
public final class SchemaInference {
  private SchemaInference() {}

  /**
   * Infers the schema of a table.
   *
   * @param table the dataset
   * @param target the target column (must be in the header)
   * @param rowsWithTarget indices of the rows kept (those with a target value)
   * @param classes the sorted class labels
   */
  public static Schema infer(CsvTable table, String target, int[] rowsWithTarget, List<String> classes) {
    List<Feature> features = new ArrayList<>();
    for (int c = 0; c < table.header().size(); c++) {
      String name = table.header().get(c);
      if (!name.equals(target)) {
        features.add(new Feature(name, inferColumn(table, c, rowsWithTarget)));
      }
    }
    return new Schema(Schema.FORMAT_VERSION, target, features, classes);
  }

  private static FeatureType inferColumn(CsvTable table, int column, int[] rowIndices) {
    long present = 0;
    long numeric = 0;
    int firstText = -1;
    for (int r : rowIndices) {
      String value = table.rows().get(r)[column];
      if (Values.isMissing(value)) {
        continue;
      }
      present++;
      if (Values.isNumber(value)) {
        numeric++;
      } else if (firstText < 0) {
        firstText = r;
      }
    }
    if (present > 0 && numeric == present) {
      return FeatureType.NUMERIC;
    }
    if (numeric * 2 > present) {
      String name = table.header().get(column);
      throw new DatasetException(
          table.file(),
          table.lines()[firstText],
          name,
          "value '"
              + table.rows().get(firstText)[column]
              + "' is not a number, but "
              + numeric
              + " of the column's "
              + present
              + " values are: a numeric column must hold only numbers (or empty / NA)");
    }
    return FeatureType.CATEGORICAL;
  }
}
