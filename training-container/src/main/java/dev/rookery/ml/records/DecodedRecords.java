package dev.rookery.ml.records;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The records of one body, with what a caller needs besides the values: the body's layout (so a
 * server answers a single object with a single object) and the unknown field names seen (so the
 * monitor can report an {@code extra_column_check}).
 *
 * @param layout how the records were laid out in the body
 * @param records raw values in feature order, {@code null} = missing; never empty
 * @param extraFields names of JSON fields that are not features, in order of first appearance
 *     (always empty for CSV)
 */
public record DecodedRecords(Layout layout, List<String[]> records, Set<String> extraFields) {

  /** How the records were laid out in the body. */
  public enum Layout {
    /** {@code text/csv} rows. */
    CSV,
    /** One JSON object: the answer is one object too. */
    JSON_OBJECT,
    /** A JSON array of records. */
    JSON_ARRAY,
    /** {@code {"instances": [...]}}. */
    JSON_INSTANCES,
    /** One JSON record per line. */
    JSON_LINES;

    /** Whether the body held exactly one record that was not inside a list. */
    public boolean single() {
      return this == JSON_OBJECT;
    }
  }

  public DecodedRecords {
    Objects.requireNonNull(layout, "layout");
    records = List.copyOf(records);
    // A copy that keeps the order of first appearance (Set.copyOf would not).
    extraFields = Collections.unmodifiableSet(new LinkedHashSet<>(extraFields));
    if (records.isEmpty()) {
      throw new IllegalArgumentException("records must not be empty");
    }
  }
}
