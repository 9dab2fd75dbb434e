package dev.rookery.ml.preprocess;

import dev.rookery.settings.SplitFractions;
import dev.rookery.ml.dataset.Dataset;
import dev.rookery.ml.exceptions.DatasetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stratified, seeded three-way split: each class is shuffled with one {@link Random} (classes in
 * sorted order) and cut by the fractions, at least one row of each class in each split. Row
 * indices in each split are sorted, so files keep the dataset's order and the same data and seed
 * give byte-identical splits.
 */
public final class StratifiedSplitter {
  private StratifiedSplitter() {}

  /** Row indices of the three splits. */
  public record Split(int[] train, int[] validation, int[] test) {}

  /**
   * Splits a dataset.
   *
   * @throws DatasetException when a class has fewer than 3 rows, naming the class and its count
   */
  public static Split split(Dataset data, SplitFractions fractions, long seed) {
    Map<String, List<Integer>> byClass = new LinkedHashMap<>();
    for (String c : data.schema().classes()) {
      byClass.put(c, new ArrayList<>());
    }
    for (int r = 0; r < data.size(); r++) {
      byClass.get(data.label(r)).add(r);
    }
    for (Map.Entry<String, List<Integer>> e : byClass.entrySet()) {
      if (e.getValue().size() < 3) {
        throw new DatasetException(
            data.file(),
            0,
            data.schema().target(),
            "class '" + e.getKey() + "' has " + e.getValue().size()
                + " row(s): a stratified train/validation/test split needs at least 3 rows per class");
      }
    }
    Random random = new Random(seed);
    int[] train = new int[data.size()];
    int[] validation = new int[data.size()];
    int[] test = new int[data.size()];
    int nt = 0;
    int nv = 0;
    int ns = 0;
    for (List<Integer> rows : byClass.values()) {
      java.util.Collections.shuffle(rows, random);
      int n = rows.size();
      int v = (int) Math.max(1, Math.round(n * fractions.validation()));
      int s = (int) Math.max(1, Math.round(n * fractions.test()));
      while (n - v - s < 1) {
        if (v >= s) {
          v--;
        } else {
          s--;
        }
      }
      for (int i = 0; i < n; i++) {
        int row = rows.get(i);
        if (i < v) {
          validation[nv++] = row;
        } else if (i < v + s) {
          test[ns++] = row;
        } else {
          train[nt++] = row;
        }
      }
    }
    return new Split(sorted(train, nt), sorted(validation, nv), sorted(test, ns));
  }

  private static int[] sorted(int[] rows, int n) {
    int[] out = Arrays.copyOf(rows, n);
    Arrays.sort(out);
    return out;
  }
}
