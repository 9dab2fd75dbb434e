package dev.rookery.ml.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.settings.JsonErrors;
import dev.rookery.settings.PipelineSettings;
import dev.rookery.ml.exceptions.HyperparameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validated hyperparameters. SageMaker passes them as strings ({@code hyperparameters.json});
 * {@link #parse} checks every name and value.
 *
 * <table>
 *   <caption>Names, defaults and valid values</caption>
 *   <tr><th>name</th><th>default</th><th>valid</th><th>used by</th></tr>
 *   <tr><td>algorithm</td><td>logistic</td><td>logistic, logistic_l2, cart, forest</td><td>all</td></tr>
 *   <tr><td>seed</td><td>42</td><td>a long</td><td>all</td></tr>
 *   <tr><td>epochs</td><td>10</td><td>1..10000</td><td>logistic</td></tr>
 *   <tr><td>learning_rate</td><td>0.5</td><td>(0, 100]</td><td>logistic (AdaGrad)</td></tr>
 *   <tr><td>minibatch_size</td><td>1</td><td>1..100000</td><td>logistic</td></tr>
 *   <tr><td>c</td><td>1.0</td><td>[1e-6, 1e6]</td><td>logistic_l2 (inverse L2 strength, as scikit-learn's and LIBLINEAR's C)</td></tr>
 *   <tr><td>max_depth</td><td>8</td><td>1..100</td><td>cart, forest</td></tr>
 *   <tr><td>min_child_weight</td><td>5</td><td>(0, 1e9]</td><td>cart, forest</td></tr>
 *   <tr><td>num_trees</td><td>50</td><td>1..1000</td><td>forest</td></tr>
 *   <tr><td>feature_fraction</td><td>0.5</td><td>(0, 1]</td><td>forest (features tried per split)</td></tr>
 *   <tr><td>cv_folds</td><td>1</td><td>1..{@value dev.rookery.settings.PipelineSettings#MAX_CV_FOLDS}</td><td>the objective: with
 *     2 or more, {@code validation:accuracy} is stratified k-fold cross-validation accuracy over train +
 *     validation when they hold at most {@value ModelTrainer#CV_MAX_ROWS} rows ({@link ModelTrainer#objectiveFolds})</td></tr>
 *   <tr><td>target</td><td>(the schema's)</td><td>must equal the schema's target</td><td>check</td></tr>
 * </table>
 *
 * Every algorithm ignores the other algorithms' hyperparameters, so one flat set of ranges (as
 * SageMaker's tuning job takes) can tune {@code algorithm} as a categorical range together with
 * each algorithm's own ranges.
 *
 * Names starting with {@code _} (such as {@code _tuning_objective_metric}, injected by SageMaker
 * tuning) are accepted and ignored; any other unknown name is an error.
 *
 * @param algorithm the algorithm
 * @param seed seed of the trainer
 * @param logistic what the logistic trainer uses
 * @param logisticL2 what the L2-regularised logistic regression uses
 * @param cart what the CART trainer and each tree of the forest use
 * @param forest what the random forest uses on top of {@code cart}
 * @param cvFolds folds of the cross-validated objective; 1 = the validation split alone
 * @param target expected target column, or {@code null} to accept the schema's
 */
public record Hyperparameters(
    Algorithm algorithm, long seed, Logistic logistic, LogisticL2 logisticL2, Cart cart, Forest forest, int cvFolds,
    String target) {

  /**
   * The logistic regression's (LinearSGD with AdaGrad) hyperparameters.
   *
   * @param epochs passes over the data
   * @param learningRate AdaGrad initial learning rate
   * @param minibatchSize SGD minibatch size
   */
  public record Logistic(int epochs, double learningRate, int minibatchSize) {
    public Logistic {
      check("epochs", epochs, epochs >= 1 && epochs <= 10_000, "must be in 1..10000");
      check("learning_rate", learningRate, learningRate > 0 && learningRate <= 100, "must be in (0, 100]");
      check("minibatch_size", minibatchSize, minibatchSize >= 1 && minibatchSize <= 100_000, "must be in 1..100000");
    }
  }

  /**
   * The L2-regularised logistic regression's (LIBLINEAR) hyperparameters.
   *
   * @param c inverse regularisation strength: the loss is weighted by {@code c} against
   *     {@code ||w||^2 / 2}, so a smaller {@code c} regularises more
   */
  public record LogisticL2(double c) {
    public LogisticL2 {
      check("c", c, c >= 1e-6 && c <= 1e6, "must be in [1e-6, 1e6]");
    }
  }

  /**
   * The CART tree's hyperparameters.
   *
   * @param maxDepth maximum tree depth
   * @param minChildWeight minimum example weight in a tree leaf
   */
  public record Cart(int maxDepth, double minChildWeight) {
    public Cart {
      check("max_depth", maxDepth, maxDepth >= 1 && maxDepth <= 100, "must be in 1..100");
      check("min_child_weight", minChildWeight, minChildWeight > 0 && minChildWeight <= 1e9, "must be in (0, 1e9]");
    }
  }

  /**
   * The random forest's hyperparameters (its trees use {@link Cart}).
   *
   * @param numTrees trees in the forest, each trained on a bootstrap sample
   * @param featureFraction fraction of the features each split considers
   */
  public record Forest(int numTrees, double featureFraction) {
    public Forest {
      check("num_trees", numTrees, numTrees >= 1 && numTrees <= 1000, "must be in 1..1000");
      check("feature_fraction", featureFraction, featureFraction > 0 && featureFraction <= 1, "must be in (0, 1]");
    }
  }

  /** File name of the hyperparameters, in SageMaker's input config and in the model artifact. */
  public static final String FILE_NAME = "hyperparameters.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** All defaults. */
  public static final Hyperparameters DEFAULTS =
      new Hyperparameters(Algorithm.LOGISTIC, 42, new Logistic(10, 0.5, 1), new LogisticL2(1.0), new Cart(8, 5),
          new Forest(50, 0.5), 1, null);

  public Hyperparameters {
    java.util.Objects.requireNonNull(algorithm, "algorithm");
    java.util.Objects.requireNonNull(logistic, "logistic");
    java.util.Objects.requireNonNull(logisticL2, "logisticL2");
    java.util.Objects.requireNonNull(cart, "cart");
    java.util.Objects.requireNonNull(forest, "forest");
    check("cv_folds", cvFolds, cvFolds >= 1 && cvFolds <= PipelineSettings.MAX_CV_FOLDS,
        "must be in 1.." + PipelineSettings.MAX_CV_FOLDS + " (1: the validation split alone)");
  }

  private static void check(String name, Object value, boolean ok, String rule) {
    if (!ok) {
      throw new HyperparameterException(name, String.valueOf(value), rule);
    }
  }

  /**
   * Parses SageMaker-style string hyperparameters over the defaults.
   *
   * @throws HyperparameterException naming the first unknown name or bad value
   */
  public static Hyperparameters parse(Map<String, String> values) {
    Hyperparameters d = DEFAULTS;
    Algorithm algorithm = d.algorithm;
    long seed = d.seed;
    int epochs = d.logistic.epochs();
    double learningRate = d.logistic.learningRate();
    int minibatch = d.logistic.minibatchSize();
    double c = d.logisticL2.c();
    int maxDepth = d.cart.maxDepth();
    double minChildWeight = d.cart.minChildWeight();
    int numTrees = d.forest.numTrees();
    double featureFraction = d.forest.featureFraction();
    int cvFolds = d.cvFolds;
    String target = d.target;
    for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      if (name.startsWith("_")) {
        continue;
      }
      if (value == null) {
        throw new HyperparameterException(name, null, "a value is required");
      }
      switch (name) {
        case "algorithm" -> {
          try {
            algorithm = Algorithm.valueOf(value.strip().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException ex) {
            throw new HyperparameterException(name, value, "must be one of " + Algorithm.VALUES);
          }
        }
        case "seed" -> seed = parseLong(name, value);
        case "epochs" -> epochs = parseInt(name, value);
        case "learning_rate" -> learningRate = parseDouble(name, value);
        case "minibatch_size" -> minibatch = parseInt(name, value);
        case "c" -> c = parseDouble(name, value);
        case "max_depth" -> maxDepth = parseInt(name, value);
        case "min_child_weight" -> minChildWeight = parseDouble(name, value);
        case "num_trees" -> numTrees = parseInt(name, value);
        case "feature_fraction" -> featureFraction = parseDouble(name, value);
        case "cv_folds" -> cvFolds = parseInt(name, value);
        case "target" -> {
          if (value.isBlank()) {
            throw new HyperparameterException(name, value, "must not be blank");
          }
          target = value;
        }
        default -> throw new HyperparameterException(
            name, value, "unknown hyperparameter; known: algorithm, seed, epochs, learning_rate, "
                + "minibatch_size, c, max_depth, min_child_weight, num_trees, feature_fraction, cv_folds, target (and _-prefixed names, ignored)");
      }
    }
    return new Hyperparameters(
        algorithm, seed, new Logistic(epochs, learningRate, minibatch), new LogisticL2(c), new Cart(maxDepth, minChildWeight),
        new Forest(numTrees, featureFraction), cvFolds, target);
  }

  /**
   * Reads SageMaker's {@code hyperparameters.json} (an object of strings; numbers and booleans are
   * taken as their text). A missing file means all defaults.
   *
   * @throws HyperparameterException naming the file when it is not JSON (with line and column) or
   *     not one object, else naming the hyperparameter and its value
   */
  public static Hyperparameters read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return DEFAULTS;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new HyperparameterException(file, JsonErrors.problem(e));
    }
    if (root == null || !root.isObject()) {
      throw new HyperparameterException(file, "must hold one JSON object of strings, found "
          + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
    }
    Map<String, String> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isContainerNode()) {
        throw new HyperparameterException(e.getKey(), v.toString(), "must be a string");
      }
      values.put(e.getKey(), v.isNull() ? null : v.asText());
    }
    return parse(values);
  }

  /**
   * The hyperparameters as SageMaker strings (sorted by name, {@code target} only when set, the
   * forest's own ones only for the forest, {@code c} only for {@code logistic_l2}, {@code cv_folds}
   * only when not 1).
   */
  public Map<String, String> toMap() {
    Map<String, String> m = new TreeMap<>();
    m.put("algorithm", algorithm.value());
    m.put("seed", Long.toString(seed));
    m.put("epochs", Integer.toString(logistic.epochs()));
    m.put("learning_rate", Double.toString(logistic.learningRate()));
    m.put("minibatch_size", Integer.toString(logistic.minibatchSize()));
    m.put("max_depth", Integer.toString(cart.maxDepth()));
    m.put("min_child_weight", Double.toString(cart.minChildWeight()));
    if (algorithm == Algorithm.FOREST) {
      // Only for the forest: other algorithms' hyperparameters.json stay as format 1 wrote them.
      m.put("num_trees", Integer.toString(forest.numTrees()));
      m.put("feature_fraction", Double.toString(forest.featureFraction()));
    }
    if (algorithm == Algorithm.LOGISTIC_L2) {
      m.put("c", Double.toString(logisticL2.c()));
    }
    if (cvFolds != 1) {
      m.put("cv_folds", Integer.toString(cvFolds));
    }
    if (target != null) {
      m.put("target", target);
    }
    return m;
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new HyperparameterException(name, value, "must be an integer");
    }
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new HyperparameterException(name, value, "must be an integer");
    }
  }

  private static double parseDouble(String name, String value) {
    try {
      double d = Double.parseDouble(value.strip());
      if (!Double.isFinite(d)) {
        throw new HyperparameterException(name, value, "must be a finite number");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new HyperparameterException(name, value, "must be a number");
    }
  }
}
