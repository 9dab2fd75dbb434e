package dev.rookery.ml.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantilesDoublesSketchIterator;

/**
 * The serialized KLL sketch of a numeric feature ({@code distribution.kll.sketch}): its parameters
 * and the items retained at each compactor level. An item at level {@code h} stands for
 * {@code 2^h} original values, which is all that is needed to evaluate the sketch's CDF from the
 * file alone: the monitor compares a baseline read from JSON with a window computed in memory
 * through this one representation.
 *
 * @param c the ratio by which compactor capacity decays per level; Apache DataSketches fixes it at
 *     2/3 (Model Monitor's own analyzer writes 0.64, the KLL paper's constant)
 * @param k the sketch's accuracy parameter; Rookery uses 2048, the value Model Monitor's analyzer
 *     writes: exact up to 2048 values, normalized rank error about 0.2 % beyond
 * @param levels retained items per level, level 0 first, each level sorted ascending
 */
public record KllSketchData(double c, int k, List<List<Double>> levels) {

  /** DataSketches' fixed level decay factor. */
  public static final double DATASKETCHES_C = 2.0 / 3.0;

  /** The {@code k} Rookery uses for every sketch. */
  public static final int DEFAULT_K = 2048;

  public KllSketchData {
    if (k < 8) {
      throw new IllegalArgumentException("kll sketch parameter k must be >= 8, found " + k);
    }
    if (!(c > 0 && c <= 1)) {
      throw new IllegalArgumentException("kll sketch parameter c must be in (0, 1], found " + c);
    }
    List<List<Double>> copy = new ArrayList<>();
    for (List<Double> level : levels) {
      for (Double v : level) {
        if (v == null || !Double.isFinite(v)) {
          throw new IllegalArgumentException("kll sketch data must hold finite numbers, found " + v);
        }
      }
      copy.add(List.copyOf(level));
    }
    levels = List.copyOf(copy);
  }

  /** Captures the retained items of a sketch, grouped by level. */
  public static KllSketchData of(KllDoublesSketch sketch) {
    List<List<Double>> levels = new ArrayList<>();
    QuantilesDoublesSketchIterator it = sketch.iterator();
    while (it.next()) {
      int level = Long.numberOfTrailingZeros(it.getWeight());
      while (levels.size() <= level) {
        levels.add(new ArrayList<>());
      }
      levels.get(level).add(it.getQuantile());
    }
    // Drop empty top levels only; empty inner levels keep the level numbering.
    while (!levels.isEmpty() && levels.get(levels.size() - 1).isEmpty()) {
      levels.remove(levels.size() - 1);
    }
    levels.forEach(l -> l.sort(Double::compare));
    return new KllSketchData(DATASKETCHES_C, sketch.getK(), levels);
  }

  /** Sum of the weights of the retained items: the number of values the sketch has seen. */
  public double totalWeight() {
    double total = 0;
    for (int h = 0; h < levels.size(); h++) {
      total += levels.get(h).size() * Math.pow(2, h);
    }
    return total;
  }

  /** True when the sketch has seen no value. */
  public boolean isEmpty() {
    return levels.stream().allMatch(List::isEmpty);
  }

  /**
   * Largest absolute difference between the two sketches' CDFs, evaluated at every retained item
   * of either sketch (the CDFs are step functions that only change there, so this is the supremum).
   *
   * @return a distance in [0, 1]; 0 when either sketch is empty (nothing to compare)
   */
  public static double linfDistance(KllSketchData a, KllSketchData b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    TreeSet<Double> points = new TreeSet<>();
    a.levels.forEach(points::addAll);
    b.levels.forEach(points::addAll);
    double[] splits = points.stream().mapToDouble(Double::doubleValue).toArray();
    double[] ca = a.cdf(splits);
    double[] cb = b.cdf(splits);
    double max = 0;
    for (int i = 0; i < splits.length; i++) {
      max = Math.max(max, Math.abs(ca[i] - cb[i]));
    }
    return max;
  }

  /**
   * The sketch's CDF at each sorted split point: the weighted fraction of values at or below it.
   *
   * @param sortedSplits split points in ascending order
   */
  public double[] cdf(double[] sortedSplits) {
    int n = 0;
    for (List<Double> level : levels) {
      n += level.size();
    }
    double[] items = new double[n];
    double[] weights = new double[n];
    Integer[] order = new Integer[n];
    int i = 0;
    for (int h = 0; h < levels.size(); h++) {
      double w = Math.pow(2, h);
      for (double v : levels.get(h)) {
        items[i] = v;
        weights[i] = w;
        order[i] = i;
        i++;
      }
    }
    Arrays.sort(order, (x, y) -> Double.compare(items[x], items[y]));
    double total = totalWeight();
    double[] result = new double[sortedSplits.length];
    double cumulative = 0;
    int next = 0;
    for (int s = 0; s < sortedSplits.length; s++) {
      while (next < n && items[order[next]] <= sortedSplits[s]) {
        cumulative += weights[order[next]];
        next++;
      }
      result[s] = total == 0 ? 0 : cumulative / total;
    }
    return result;
  }
}
