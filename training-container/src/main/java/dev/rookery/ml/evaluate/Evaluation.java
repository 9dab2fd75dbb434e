package dev.rookery.ml.evaluate;

import java.util.List;
import java.util.Map;

/**
 * The result of evaluating a model on labelled records.
 *
 * @param classes class labels, in schema order
 * @param itemCount number of records
 * @param metrics Model Monitor multiclass metrics by name ({@code accuracy}, {@code weighted_f1},
 *     ..., {@code *_best_constant_classifier}), in output order
 * @param perClass precision, recall, F1 and support per class
 * @param confusion counts, {@code confusion[actual][predicted]}, indices into {@code classes}
 */
public record Evaluation(
    List<String> classes,
    int itemCount,
    Map<String, Metric> metrics,
    Map<String, ClassMetrics> perClass,
    long[][] confusion) {

  /**
   * A metric value and its standard deviation (NaN below 200 records, as Model Monitor does).
   *
   * @param value the metric
   * @param standardDeviation std over 5 random 80% subsamples, or NaN
   */
  public record Metric(double value, double standardDeviation) {}

  /**
   * @param precision of the class (0 when never predicted)
   * @param recall of the class
   * @param f1 of the class
   * @param support true records of the class
   */
  public record ClassMetrics(double precision, double recall, double f1, long support) {}

  /**
   * The model's own metrics by name, without the best constant classifier's: what a run record
   * ({@code run.json} {@code test_metrics}) keeps.
   */
  public Map<String, Double> modelMetrics() {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    metrics.forEach((name, metric) -> {
      if (!name.endsWith("_best_constant_classifier")) {
        out.put(name, metric.value());
      }
    });
    return out;
  }

  /** Accuracy, the gate's number. */
  public double accuracy() {
    return metrics.get("accuracy").value();
  }
}
