package dev.rookery.ml.preprocess;

import dev.rookery.ml.schema.Schema;
import java.nio.file.Path;

/**
 * What preprocessing wrote.
 *
 * @param train training split directory
 * @param validation validation split directory
 * @param test test split directory
 * @param baseline directory of {@code statistics.json} / {@code constraints.json}
 * @param schema the inferred schema
 * @param transformer the transformer fitted on the training split
 * @param rows rows used (with a target)
 * @param droppedRows rows dropped for a missing target
 * @param trainRows rows in the training split
 * @param validationRows rows in the validation split
 * @param testRows rows in the test split
 */
public record PreprocessResult(
    SplitDirectory train,
    SplitDirectory validation,
    SplitDirectory test,
    Path baseline,
    Schema schema,
    Transformer transformer,
    int rows,
    int droppedRows,
    int trainRows,
    int validationRows,
    int testRows) {}
