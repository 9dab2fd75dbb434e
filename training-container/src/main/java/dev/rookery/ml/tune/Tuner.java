package dev.rookery.ml.tune;

import dev.rookery.settings.ParameterRange;
import dev.rookery.settings.PipelineSettings;
import dev.rookery.settings.TuningSettings;
import dev.rookery.ml.train.Hyperparameters;
import dev.rookery.ml.train.ModelTrainer;
import dev.rookery.ml.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Local tuning, the laptop twin of the SageMaker tuning job: {@code max_jobs} trials whose
 * hyperparameters are the static ones plus values drawn (random search, seeded by the pipeline
 * seed, all drawn before any trial runs) from the same {@code parameter_ranges} the cloud job
 * uses; trials run on a fixed thread pool; the best has the highest validation accuracy, the
 * lowest index on ties. Same data, settings and seed: same trials, same best, whatever the
 * thread count.
 *
 * <pre>{@code
 * TuningResult r = Tuner.tune(train, validation, PipelineSettings.bundled(), 2);
 * }</pre>
 */
public final class Tuner {
  /** The only objective supported locally. */
  public static final String OBJECTIVE = "validation:accuracy";

  private Tuner() {}

  /** The hyperparameters of every trial, in index order. */
  public static List<Map<String, String>> sample(PipelineSettings settings) {
    TuningSettings tuning = settings.tuning();
    Random random = new Random(settings.seed());
    List<Map<String, String>> trials = new ArrayList<>();
    for (int t = 0; t < tuning.maxJobs(); t++) {
      Map<String, String> hp = new TreeMap<>(settings.staticHyperparameters());
      for (ParameterRange range : tuning.ranges()) {
        hp.put(range.name(), range.sample(random));
      }
      trials.add(hp);
    }
    return trials;
  }

  /**
   * Runs the trials, telling no one about them.
   *
   * @see #tune(TrainingData, TrainingData, PipelineSettings, int, TrialListener)
   */
  public static TuningResult tune(TrainingData train, TrainingData validation, PipelineSettings settings, int threads) {
    return tune(train, validation, settings, threads, TrialListener.NONE);
  }

  /**
   * Runs the trials, telling {@code listener} as each starts and ends.
   *
   * @param threads pool size (capped by {@code max_parallel_jobs} and the number of trials)
   * @param listener told of each trial, from the trial threads
   * @throws dev.rookery.ml.exceptions.HyperparameterException when a sampled or static value is bad
   *     (checked for every trial before any runs)
   */
  public static TuningResult tune(
      TrainingData train, TrainingData validation, PipelineSettings settings, int threads, TrialListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    TuningSettings tuning = settings.tuning();
    if (!OBJECTIVE.equals(tuning.objectiveMetric()) || !"Maximize".equals(tuning.objectiveType())) {
      throw new IllegalArgumentException(
          "local tuning maximises " + OBJECTIVE + ", found " + tuning.objectiveType() + " " + tuning.objectiveMetric());
    }
    List<Map<String, String>> sampled = sample(settings);
    List<Hyperparameters> parsed = sampled.stream().map(Hyperparameters::parse).toList();
    int poolSize = Math.max(1, Math.min(Math.min(threads, tuning.maxParallelJobs()), sampled.size()));
    ExecutorService pool = Executors.newFixedThreadPool(poolSize, r -> {
      Thread t = new Thread(r, "rookery-trial");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Trial>> futures = new ArrayList<>();
      for (int i = 0; i < sampled.size(); i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          listener.trialStarted(index, sampled.get(index));
          Trial trial = new Trial(index, sampled.get(index), ModelTrainer.train(train, validation, parsed.get(index)));
          listener.trialFinished(trial);
          return trial;
        }));
      }
      List<Trial> trials = new ArrayList<>();
      for (Future<Trial> f : futures) {
        trials.add(f.get());
      }
      Trial best = trials.get(0);
      for (Trial t : trials) {
        if (t.validationAccuracy() > best.validationAccuracy()) {
          best = t;
        }
      }
      return new TuningResult(trials, best);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("tuning interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a trial failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
