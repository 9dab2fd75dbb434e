package dev.rookery.monitor;

import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.stats.DatasetStatistics;
import dev.rookery.ml.stats.StatisticsAccumulator;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the monitor learns from one window of capture, in memory proportional to the number
 * of features: the statistics of the records, the columns that did not fit the baseline, the
 * predicted labels, and the malformed lines (the first {@link #MAX_EXAMPLES} quoted).
 */
public final class WindowObserver {
  /** Label counted when an {@code endpointOutput} cannot be read. */
  public static final String UNREADABLE_PREDICTION = "(unreadable)";

  /** How many malformed lines are quoted in the log and the report. */
  public static final int MAX_EXAMPLES = 5;

  private final StatisticsAccumulator statistics;
  private final Map<String, Long> extraFields = new TreeMap<>();
  private final Map<Integer, Long> misalignedByWidth = new TreeMap<>();
  private final Map<String, Long> predictions = new TreeMap<>();
  private final LineCounts lineCounts = new LineCounts(MAX_EXAMPLES);
  private long outOfWindow;

  /** @param features the baseline's features, in order */
  public WindowObserver(List<Feature> features) {
    this.statistics = new StatisticsAccumulator(features);
  }

  void skippedOutOfWindow() {
    outOfWindow++;
  }

  void record(String[] values) {
    statistics.add(values);
  }

  void extraField(String name) {
    extraFields.merge(name, 1L, Long::sum);
  }

  void misalignedRecords(int width, long count) {
    misalignedByWidth.merge(width, count, Long::sum);
  }

  void prediction(String label) {
    predictions.merge(label, 1L, Long::sum);
  }

  /** The lines read and the malformed ones (the first {@link #MAX_EXAMPLES} quoted). */
  LineCounts lineCounts() {
    return lineCounts;
  }

  /** Lines skipped because their inference time is outside the window. */
  public long outOfWindow() {
    return outOfWindow;
  }

  /** JSON fields that are not features, with the number of request bodies holding them. */
  public Map<String, Long> extraFields() {
    return Collections.unmodifiableMap(extraFields);
  }

  /** CSV records whose column count differs from the baseline's, by column count. */
  public Map<Integer, Long> misalignedByWidth() {
    return Collections.unmodifiableMap(misalignedByWidth);
  }

  /** Predicted labels and their counts. */
  public Map<String, Long> predictions() {
    return Collections.unmodifiableMap(predictions);
  }

  /** The statistics of the records that fit the baseline's columns. */
  public DatasetStatistics statistics() {
    return statistics.toStatistics();
  }
}
