package dev.rookery.ml.train;

import dev.rookery.ml.exceptions.HyperparameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Trains a Tribuo model on preprocessed data.
 *
 * <pre>{@code
 * TrainedModel m = ModelTrainer.train(train, validation, Hyperparameters.parse(Map.of("epochs", "20")));
 * }</pre>
 */
public final class ModelTrainer {
  private ModelTrainer() {}

  /** The Tribuo trainer for the hyperparameters (a new instance: its RNG state is per trainer). */
  public static Trainer<Label> trainer(Hyperparameters hp) {
    return switch (hp.algorithm()) {
      // loggingInterval -1: Tribuo logs nothing per epoch; our metric lines are the log.
      case LOGISTIC -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(hp.logistic().learningRate()),
          hp.logistic().epochs(), -1, hp.logistic().minibatchSize(), hp.seed());
      // LIBLINEAR's own defaults for the primal L2R_LR solver: stopping tolerance 0.01, at most 1000 iterations.
      case LOGISTIC_L2 -> new LibLinearClassificationTrainer(
          new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), hp.logisticL2().c(), 1000, 0.01,
          hp.seed());
      case CART -> new CARTClassificationTrainer(
          hp.cart().maxDepth(), (float) hp.cart().minChildWeight(), 0.0f, 1.0f, false, new GiniIndex(), hp.seed());
      // Bagging itself comes from RandomForestTrainer; the tree only draws its split features.
      case FOREST -> new RandomForestTrainer<>(
          new CARTClassificationTrainer(hp.cart().maxDepth(), (float) hp.cart().minChildWeight(), 0.0f,
              (float) hp.forest().featureFraction(), false, new GiniIndex(), hp.seed()),
          new VotingCombiner(), hp.forest().numTrees(), hp.seed());
    };
  }

  /** Trains on {@code train} only (validation accuracy NaN). */
  public static TrainedModel train(TrainingData train, Hyperparameters hp) {
    return train(train, null, hp);
  }

  /**
   * What a training job does: {@link #train(TrainingData, TrainingData, Hyperparameters) trains on
   * {@code train} and measures} (the tuning objective comes from that model, which never saw the
   * validation split), then {@link #refit refits} on train + validation, the model kept, when
   * there are at most {@link #REFIT_MAX_ROWS} rows in all.
   *
   * @param validation may be {@code null}: then the model fitted on {@code train} is kept
   */
  public static TrainedModel trainAndRefit(TrainingData train, TrainingData validation, Hyperparameters hp) {
    return trainAndRefit(train, validation, hp, REFIT_MAX_ROWS);
  }

  /**
   * The most train + validation rows a refit is worth: beyond, 15 % more rows hardly move a model
   * while refitting doubles the training time (1,000,000 penguins-like rows: train 14.9 s without
   * a refit, more than twice that with it, past the 60 s budget of {@code bench/ml-core}).
   */
  public static final int REFIT_MAX_ROWS = 100_000;

  /** Whether {@link #trainAndRefit} refits on these splits (a validation split, at most {@code maxRows} rows in all). */
  public static boolean refits(TrainingData train, TrainingData validation, int maxRows) {
    return validation != null && (long) train.size() + validation.size() <= maxRows;
  }

  /** {@link #trainAndRefit(TrainingData, TrainingData, Hyperparameters)} with another row limit. */
  public static TrainedModel trainAndRefit(TrainingData train, TrainingData validation, Hyperparameters hp, int maxRows) {
    TrainedModel measured = train(train, validation, hp);
    return refits(train, validation, maxRows) ? refit(measured, train, validation) : measured;
  }

  /**
   * The same hyperparameters fitted again on train + validation, as a tuning job's chosen trial
   * is: with a small validation split, its rows are worth more in the model than held back once
   * the hyperparameters are chosen (scikit-learn's {@code GridSearchCV(refit=True)} does the
   * same). The test split stays untouched. The accuracies stay those {@code measured} on the
   * model fitted on train only, the honest figures; the transformer stays the one fitted on train.
   *
   * @param measured the model fitted on {@code train}, with its accuracies
   */
  public static TrainedModel refit(TrainedModel measured, TrainingData train, TrainingData validation) {
    Model<Label> model = trainer(measured.hyperparameters())
        .train(TrainingData.toTribuo("rookery train + validation splits", train, validation));
    return new TrainedModel(model, measured.hyperparameters(), measured.schema(), measured.transformer(),
        measured.accuracy(), measured.data());
  }

  /**
   * The most train + validation rows for which the objective is cross-validated ({@code cv_folds}
   * 2 or more). Up to 1,000 rows the 15 % validation split holds at most ~180 rows: one row is more
   * than half a point and the standard error of a 95 % accuracy is more than 1.6 points, more than
   * the differences the tuner has to choose by (wine, 27 validation rows: a forest 26/27 chosen over
   * a logistic regression that scores 27/27 on test). Every fold is a full training, so a trial
   * costs about {@code cv_folds} times more, which is under a second per fold at this size; beyond
   * it a validation split of 180+ rows is steadier and the cost grows with the rows (digits, 1,527
   * rows: ~5 times the 230 s of its tuning).
   */
  public static final int CV_MAX_ROWS = 1000;

  /**
   * How many folds the objective of these splits is cross-validated over: {@code hp.cvFolds()}
   * when it is 2 or more, there is a validation split and train + validation hold at most
   * {@link #CV_MAX_ROWS} rows (and at least one row per fold); otherwise 0, the validation split alone.
   */
  public static int objectiveFolds(TrainingData train, TrainingData validation, Hyperparameters hp) {
    return validation == null ? 0 : objectiveFolds(train.size(), validation.size(), hp);
  }

  /** {@link #objectiveFolds(TrainingData, TrainingData, Hyperparameters)} from the splits' row counts. */
  public static int objectiveFolds(int trainRows, int validationRows, Hyperparameters hp) {
    long rows = (long) trainRows + validationRows;
    return validationRows > 0 && hp.cvFolds() >= 2 && rows <= CV_MAX_ROWS && rows >= hp.cvFolds() ? hp.cvFolds() : 0;
  }

  /**
   * What {@code validation:accuracy} measures on splits of these sizes, in words (no metric
   * regex matches them): the train mode's log and the local run's tune step say it.
   */
  public static String objectiveDescription(int trainRows, int validationRows, Hyperparameters hp) {
    int folds = objectiveFolds(trainRows, validationRows, hp);
    return folds > 0
        ? String.format(Locale.ROOT, "%d-fold stratified cross-validation accuracy over train + validation (%d records,"
            + " at most %d)", folds, trainRows + validationRows, CV_MAX_ROWS)
        : String.format(Locale.ROOT, "the accuracy on the validation split (%d records)", validationRows);
  }

  /**
   * Trains on {@code train} and measures accuracy on both splits. The validation accuracy (the
   * tuning objective) is that of this model on the validation split, or, when {@link
   * #objectiveFolds} is k &gt; 0, {@link #crossValidatedAccuracy stratified k-fold cross-validation
   * accuracy} over train + validation with the same hyperparameters.
   *
   * @param validation may be {@code null}
   * @throws HyperparameterException when {@code target} does not match the data's target
   */
  public static TrainedModel train(TrainingData train, TrainingData validation, Hyperparameters hp) {
    if (hp.target() != null && !hp.target().equals(train.schema().target())) {
      throw new HyperparameterException(
          "target", hp.target(), "the data's target column is '" + train.schema().target() + "'");
    }
    if (validation != null && !validation.schema().equals(train.schema())) {
      throw new IllegalArgumentException(
          "validation schema " + validation.schema() + " differs from the training schema " + train.schema());
    }
    Model<Label> model = trainer(hp).train(TrainingData.toTribuo("rookery train split", train));
    Map<String, DataFingerprint> data = new LinkedHashMap<>();
    data.put("train", train.fingerprint());
    double validationAccuracy = Double.NaN;
    if (validation != null) {
      data.put("validation", validation.fingerprint());
      int folds = objectiveFolds(train, validation, hp);
      validationAccuracy = folds > 0 ? crossValidatedAccuracy(hp, folds, train, validation) : accuracy(model, validation);
    }
    return new TrainedModel(model, hp, train.schema(), train.transformer(),
        new TrainedModel.Accuracy(accuracy(model, train), validationAccuracy), data);
  }

  /**
   * Stratified k-fold cross-validation accuracy: the rows of the splits are dealt into {@code k}
   * folds ({@link #stratifiedFolds}, seeded by {@code hp.seed()}); for each fold a model of the
   * same hyperparameters is trained on the other folds and predicts the fold; the result is the
   * fraction of all rows predicted right by the model that did not see them (pooled over the folds,
   * as scikit-learn's {@code cross_val_predict} then {@code accuracy_score}). The rows are those the
   * transformer fitted on the train split already produced, as the refitted model sees them.
   *
   * @param k 2 or more, at most the number of rows
   */
  public static double crossValidatedAccuracy(Hyperparameters hp, int k, TrainingData... splits) {
    double[][] x = Arrays.stream(splits).flatMap(s -> Arrays.stream(s.x())).toArray(double[][]::new);
    String[] labels = Arrays.stream(splits).flatMap(s -> Arrays.stream(s.labels())).toArray(String[]::new);
    TrainingData all = new TrainingData(splits[0].schema(), splits[0].transformer(), x, labels, null);
    int[] fold = stratifiedFolds(labels, k, hp.seed());
    int correct = 0;
    for (int f = 0; f < k; f++) {
      Model<Label> model = trainer(hp).train(TrainingData.toTribuo("rookery cross-validation fold " + f, rows(all, fold, f, false)));
      TrainingData heldOut = rows(all, fold, f, true);
      correct += correct(model, heldOut);
    }
    return (double) correct / labels.length;
  }

  /**
   * The fold (0..k-1) of each row: the rows of each label, in label order, shuffled by a {@code
   * Random(seed)} and dealt round-robin, the dealing carrying on from one label to the next, so
   * that every fold holds each label's rows in proportion (to one row) and the folds' sizes differ
   * by at most one. Same labels, k and seed: same folds.
   *
   * @throws IllegalArgumentException when {@code k} is below 2 or above the number of rows
   */
  public static int[] stratifiedFolds(String[] labels, int k, long seed) {
    if (k < 2 || k > labels.length) {
      throw new IllegalArgumentException("cv_folds: " + k + " folds need 2 to " + labels.length + " (the rows)");
    }
    Map<String, List<Integer>> byLabel = new TreeMap<>();
    for (int r = 0; r < labels.length; r++) {
      byLabel.computeIfAbsent(labels[r], l -> new ArrayList<>()).add(r);
    }
    Random random = new Random(seed);
    int[] fold = new int[labels.length];
    int next = 0;
    for (List<Integer> rows : byLabel.values()) {
      Collections.shuffle(rows, random);
      for (int r : rows) {
        fold[r] = next;
        next = (next + 1) % k;
      }
    }
    return fold;
  }

  private static TrainingData rows(TrainingData all, int[] fold, int f, boolean inFold) {
    List<Integer> picked = new ArrayList<>();
    for (int r = 0; r < fold.length; r++) {
      if ((fold[r] == f) == inFold) {
        picked.add(r);
      }
    }
    return new TrainingData(all.schema(), all.transformer(), picked.stream().map(r -> all.x()[r]).toArray(double[][]::new),
        picked.stream().map(r -> all.labels()[r]).toArray(String[]::new), null);
  }

  /** Fraction of records whose predicted label equals the true one. */
  public static double accuracy(Model<Label> model, TrainingData data) {
    return data.size() == 0 ? Double.NaN : (double) correct(model, data) / data.size();
  }

  private static int correct(Model<Label> model, TrainingData data) {
    String[] names = data.transformer().outputNames();
    int correct = 0;
    for (int r = 0; r < data.size(); r++) {
      var prediction = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, data.x()[r]));
      if (prediction.getOutput().getLabel().equals(data.labels()[r])) {
        correct++;
      }
    }
    return correct;
  }

  /** A SageMaker metric line, e.g. {@code validation:accuracy=0.9804;}. */
  public static String metricLine(String name, double value) {
    return String.format(Locale.ROOT, "%s=%.4f;", name, value);
  }
}
