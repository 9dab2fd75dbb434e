package dev.rookery.ml.train;

import dev.rookery.ml.exceptions.HyperparameterException;
import java.util.LinkedHashMap;
import java.util.Map;
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
   * Trains on {@code train} and measures accuracy on both splits.
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
      validationAccuracy = accuracy(model, validation);
    }
    return new TrainedModel(model, hp, train.schema(), train.transformer(),
        new TrainedModel.Accuracy(accuracy(model, train), validationAccuracy), data);
  }

  /** Fraction of records whose predicted label equals the true one. */
  public static double accuracy(Model<Label> model, TrainingData data) {
    String[] names = data.transformer().outputNames();
    int correct = 0;
    for (int r = 0; r < data.size(); r++) {
      var prediction = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, data.x()[r]));
      if (prediction.getOutput().getLabel().equals(data.labels()[r])) {
        correct++;
      }
    }
    return data.size() == 0 ? Double.NaN : (double) correct / data.size();
  }

  /** A SageMaker metric line, e.g. {@code validation:accuracy=0.9804;}. */
  public static String metricLine(String name, double value) {
    return String.format(java.util.Locale.ROOT, "%s=%.4f;", name, value);
  }
}
