package dev.rookery.ml.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.ml.dataset.Dataset;
import dev.rookery.ml.predict.RecordPredictor;
import dev.rookery.ml.preprocess.SplitDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Evaluates a predictor on labelled raw records and writes {@code evaluation.json} in SageMaker
 * Model Monitor's multiclass model-quality shape (metric names from the "Model quality metrics"
 * page of the SageMaker developer guide), plus per-class metrics, the class list and the count:
 *
 * <pre>{@code
 * {"multiclass_classification_metrics": {
 *    "confusion_matrix": {"Adelie": {"Adelie": 22, "Chinstrap": 0, "Gentoo": 0}, ...},
 *    "accuracy": {"value": 0.98, "standard_deviation": "NaN"}, "weighted_recall": ..., "weighted_precision": ...,
 *    "weighted_f0_5": ..., "weighted_f1": ..., "weighted_f2": ...,
 *    "accuracy_best_constant_classifier": ..., ..., "weighted_f2_best_constant_classifier": ...},
 *  "per_class": {"Adelie": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 22}, ...},
 *  "classes": ["Adelie", "Chinstrap", "Gentoo"], "item_count": 52}
 * }</pre>
 *
 * The confusion matrix is keyed actual class, then predicted class. Weighted metrics weight each
 * class by its true support; the best constant classifier always predicts the most frequent true
 * class. Standard deviations follow Model Monitor: 5 random 80% subsamples (seeded), only from 200
 * records, else {@code "NaN"}.
 */
public final class Evaluator {
  /** File name of the evaluation report. */
  public static final String FILE_NAME = "evaluation.json";

  static final int MIN_ITEMS_FOR_STD = 200;
  private static final long STD_SEED = 42;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Evaluator() {}

  /** Evaluates on a test split directory (its CSV is read with the predictor's schema). */
  public static Evaluation evaluate(RecordPredictor predictor, SplitDirectory test) {
    return evaluate(predictor, Dataset.loadWithSchema(test.csv(), predictor.schema()));
  }

  /** Evaluates on a dataset whose schema matches the predictor's. */
  public static Evaluation evaluate(RecordPredictor predictor, Dataset data) {
    List<String> classes = predictor.schema().classes();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
    int n = data.size();
    int[] actual = new int[n];
    int[] predicted = new int[n];
    for (int r = 0; r < n; r++) {
      actual[r] = index.get(data.label(r));
      predicted[r] = index.get(predictor.predict(data.features(r)).label());
    }
    return of(classes, actual, predicted);
  }

  /**
   * Computes the evaluation from class indices: the test split's here, a monitoring window's
   * joined predictions and labels in the model-quality job.
   *
   * @param actual true class of each record, an index into {@code classes}
   * @param predicted predicted class of each record, an index into {@code classes}
   */
  public static Evaluation of(List<String> classes, int[] actual, int[] predicted) {
    int k = classes.size();
    int n = actual.length;
    long[][] confusion = confusion(k, actual, predicted, all(n));
    long[] support = new long[k];
    for (int a : actual) {
      support[a]++;
    }
    int majority = 0;
    for (int c = 1; c < k; c++) {
      if (support[c] > support[majority]) {
        majority = c;
      }
    }
    int[] constant = new int[n];
    java.util.Arrays.fill(constant, majority);

    Map<String, Evaluation.Metric> metrics = new LinkedHashMap<>();
    String[] names = {"accuracy", "weighted_recall", "weighted_precision", "weighted_f0_5", "weighted_f1", "weighted_f2"};
    for (String suffix : new String[] {"", "_best_constant_classifier"}) {
      int[] pred = suffix.isEmpty() ? predicted : constant;
      double[] values = scores(k, actual, pred, all(n));
      double[] std = std(k, actual, pred);
      for (int m = 0; m < names.length; m++) {
        metrics.put(names[m] + suffix, new Evaluation.Metric(values[m], std[m]));
      }
    }
    Map<String, Evaluation.ClassMetrics> perClass = new LinkedHashMap<>();
    for (int c = 0; c < k; c++) {
      double[] prf = prf(confusion, c, 1.0);
      perClass.put(classes.get(c), new Evaluation.ClassMetrics(prf[0], prf[1], prf[2], support[c]));
    }
    return new Evaluation(List.copyOf(classes), n, metrics, perClass, confusion);
  }

  private static int[] all(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  private static long[][] confusion(int k, int[] actual, int[] predicted, int[] rows) {
    long[][] m = new long[k][k];
    for (int r : rows) {
      m[actual[r]][predicted[r]]++;
    }
    return m;
  }

  /** accuracy, weighted recall, weighted precision, weighted F0.5, F1, F2 on the given rows. */
  private static double[] scores(int k, int[] actual, int[] predicted, int[] rows) {
    long[][] m = confusion(k, actual, predicted, rows);
    double n = rows.length;
    double correct = 0;
    for (int c = 0; c < k; c++) {
      correct += m[c][c];
    }
    double[] out = new double[6];
    out[0] = n == 0 ? Double.NaN : correct / n;
    double[] betas = {0.5, 1.0, 2.0};
    for (int c = 0; c < k; c++) {
      double support = 0;
      for (int p = 0; p < k; p++) {
        support += m[c][p];
      }
      double w = support / n;
      double[] prf = prf(m, c, 1.0);
      out[1] += w * prf[1];
      out[2] += w * prf[0];
      for (int b = 0; b < 3; b++) {
        out[3 + b] += w * prf(m, c, betas[b])[2];
      }
    }
    return out;
  }

  /** Precision, recall, F-beta of class c. */
  private static double[] prf(long[][] m, int c, double beta) {
    double tp = m[c][c];
    double predicted = 0;
    double actual = 0;
    for (int i = 0; i < m.length; i++) {
      predicted += m[i][c];
      actual += m[c][i];
    }
    double precision = predicted == 0 ? 0 : tp / predicted;
    double recall = actual == 0 ? 0 : tp / actual;
    double b2 = beta * beta;
    double f = precision + recall == 0 ? 0 : (1 + b2) * precision * recall / (b2 * precision + recall);
    return new double[] {precision, recall, f};
  }

  private static double[] std(int k, int[] actual, int[] predicted) {
    int n = actual.length;
    double[] out = new double[6];
    if (n < MIN_ITEMS_FOR_STD) {
      java.util.Arrays.fill(out, Double.NaN);
      return out;
    }
    Random random = new Random(STD_SEED);
    int size = (int) Math.round(n * 0.8);
    double[][] samples = new double[5][];
    for (int s = 0; s < 5; s++) {
      int[] rows = all(n);
      for (int i = 0; i < size; i++) { // partial Fisher-Yates: the first `size` rows are the sample
        int j = i + random.nextInt(n - i);
        int t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
      }
      samples[s] = scores(k, actual, predicted, java.util.Arrays.copyOf(rows, size));
    }
    for (int m = 0; m < 6; m++) {
      double mean = 0;
      for (double[] s : samples) {
        mean += s[m] / 5;
      }
      double var = 0;
      for (double[] s : samples) {
        var += (s[m] - mean) * (s[m] - mean) / 4;
      }
      out[m] = Math.sqrt(var);
    }
    return out;
  }

  /** The evaluation as the {@code evaluation.json} tree. */
  public static ObjectNode toJson(Evaluation e) {
    ObjectNode root = MAPPER.createObjectNode();
    putMetrics(root, e);
    return root;
  }

  /**
   * Puts {@code multiclass_classification_metrics}, {@code per_class}, {@code classes} and
   * {@code item_count} into {@code root}: the part {@code evaluation.json} and the model-quality
   * {@code statistics.json} files share.
   */
  public static void putMetrics(ObjectNode root, Evaluation e) {
    ObjectNode mc = root.putObject("multiclass_classification_metrics");
    ObjectNode cm = mc.putObject("confusion_matrix");
    for (int a = 0; a < e.classes().size(); a++) {
      ObjectNode row = cm.putObject(e.classes().get(a));
      for (int p = 0; p < e.classes().size(); p++) {
        row.put(e.classes().get(p), e.confusion()[a][p]);
      }
    }
    for (Map.Entry<String, Evaluation.Metric> m : e.metrics().entrySet()) {
      ObjectNode node = mc.putObject(m.getKey());
      node.put("value", m.getValue().value());
      double std = m.getValue().standardDeviation();
      if (Double.isNaN(std)) {
        node.put("standard_deviation", "NaN"); // as Model Monitor writes it
      } else {
        node.put("standard_deviation", std);
      }
    }
    ObjectNode perClass = root.putObject("per_class");
    e.perClass().forEach((c, m) -> perClass.putObject(c)
        .put("precision", m.precision()).put("recall", m.recall()).put("f1", m.f1()).put("support", m.support()));
    var classes = root.putArray("classes");
    e.classes().forEach(classes::add);
    root.put("item_count", e.itemCount());
  }

  /** Writes {@code evaluation.json} into {@code dir} (atomically: temp file, then move). */
  public static Path write(Evaluation e, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(FILE_NAME);
    Path tmp = Files.createTempFile(dir, ".evaluation-", ".tmp");
    try {
      MAPPER.writeValue(tmp.toFile(), toJson(e));
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }
}
