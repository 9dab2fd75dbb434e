/**
 * Reading datasets: strict UTF-8 CSV with a header row, missing values, schema inference and the
 * validation that turns bad input into a {@link dev.rookery.ml.exceptions.DatasetException}.
 */
package dev.rookery.ml.dataset;
