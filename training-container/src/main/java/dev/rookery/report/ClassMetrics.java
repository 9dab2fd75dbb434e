package dev.rookery.report;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * Precision, recall and F1 per class from a confusion matrix, and the two charts every report
 * draws of them (the evaluation report's test split, the model-quality report's window), so both
 * compute and show them the same way.
 *
 * @param classes the class labels, in the matrix's order
 * @param confusion counts, rows the actual label, columns the prediction
 * @param precision per class: true positives / predicted as the class (0 when never predicted)
 * @param recall per class: true positives / actually the class (0 when absent)
 * @param f1 per class: harmonic mean of precision and recall (0 when both are 0)
 */
public record ClassMetrics(List<String> classes, long[][] confusion, double[] precision, double[] recall, double[] f1) {

  /**
   * @param classes the class labels, in the matrix's order
   * @param confusion counts, rows the actual label, columns the prediction
   * @return the per-class metrics
   */
  public static ClassMetrics of(List<String> classes, long[][] confusion) {
    int n = classes.size();
    if (confusion.length != n) {
      throw new IllegalArgumentException("the confusion matrix has " + confusion.length + " rows for " + n + " classes");
    }
    double[] precision = new double[n];
    double[] recall = new double[n];
    double[] f1 = new double[n];
    for (int c = 0; c < n; c++) {
      long predicted = 0;
      for (long[] row : confusion) {
        predicted += row[c];
      }
      long tp = confusion[c][c];
      precision[c] = predicted == 0 ? 0 : (double) tp / predicted;
      recall[c] = support(confusion, c) == 0 ? 0 : (double) tp / support(confusion, c);
      f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
    }
    return new ClassMetrics(List.copyOf(classes), confusion, precision, recall, f1);
  }

  /** How many records actually are class {@code c} (the row's sum). */
  public long support(int c) {
    return support(confusion, c);
  }

  private static long support(long[][] confusion, int c) {
    long sum = 0;
    for (long v : confusion[c]) {
      sum += v;
    }
    return sum;
  }

  /** The confusion-matrix heat map and the per-class precision/recall/F1 bars. */
  public List<String> charts() {
    LinkedHashMap<String, double[]> series = new LinkedHashMap<>();
    series.put("precision", precision);
    series.put("recall", recall);
    series.put("F1", f1);
    return List.of(
        Charts.heatmap("Confusion matrix", classes, classes, confusion),
        Charts.groupedBars("Precision, recall and F1 per class", classes, series, 0, 1));
  }
}
