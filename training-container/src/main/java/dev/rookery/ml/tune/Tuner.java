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
 * hyperparameters are the static ones plus values chosen from the same {@code parameter_ranges}
 * the cloud job uses, by the configured {@code strategy}:
 *
 * <ul>
 *   <li>{@code Random}: every trial drawn uniformly (log-uniformly for Logarithmic ranges), all
 *       before any runs;
 *   <li>{@code Grid}: every combination of the Categorical and Integer ranges, in order (first
 *       range slowest), at most {@code max_jobs} of them; continuous ranges are refused by the
 *       settings, as SageMaker refuses them;
 *   <li>{@code Bayesian}: a sequential model-based search ({@link Tpe}): the first
 *       {@link #startupTrials} trials are random, then each batch of {@code max_parallel_jobs}
 *       trials is proposed from all trials finished so far;
 *   <li>{@code Hyperband}: refused before any trial (it stops trials early by epoch, which local
 *       training does not report), naming {@code tuning.strategy}.
 * </ul>
 *
 * Random draws are seeded by the pipeline seed; trials run on a fixed thread pool; the best has
 * the highest validation accuracy ({@link #best}: on ties, the algorithm listed first in the
 * {@code algorithm} range, then the lowest index), and is then refitted on train +
 * validation ({@link ModelTrainer#refit}), the model a SageMaker training job of the same
 * hyperparameters keeps. Same data, settings and seed: same
 * trials, same best, whatever the thread count. Every range's ends (every categorical value) are
 * checked against the hyperparameter rules before any trial runs.
 *
 * <pre>{@code
 * TuningResult r = Tuner.tune(train, validation, PipelineSettings.bundled(), 2);
 * }</pre>
 */
public final class Tuner {
  /** The only objective supported locally. */
  public static final String OBJECTIVE = "validation:accuracy";
  /** The strategies implemented locally (SageMaker's names). */
  public static final List<String> LOCAL_STRATEGIES = List.of("Random", "Grid", "Bayesian");

  private Tuner() {}

  /** The hyperparameters of every {@code Random} trial, in index order. */
  public static List<Map<String, String>> sample(PipelineSettings settings) {
    Tpe space = new Tpe(settings.tuning().ranges());
    Random random = new Random(settings.seed());
    List<Map<String, String>> trials = new ArrayList<>();
    for (int t = 0; t < settings.tuning().maxJobs(); t++) {
      trials.add(withStatic(settings, space.sample(random)));
    }
    return trials;
  }

  /** The hyperparameters of every {@code Grid} trial, in index order (at most {@code max_jobs}). */
  public static List<Map<String, String>> grid(PipelineSettings settings) {
    List<Map<String, String>> points = new ArrayList<>();
    points.add(new TreeMap<>());
    for (ParameterRange range : settings.tuning().ranges()) {
      List<String> values = gridValues(range);
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> p : points) {
        for (String v : values) {
          Map<String, String> q = new TreeMap<>(p);
          q.put(range.name(), v);
          next.add(q);
        }
        if (next.size() >= settings.tuning().maxJobs() * 1000L) {
          break; // enough: only the first max_jobs are used, and a huge grid must not exhaust memory
        }
      }
      points = next;
    }
    return points.stream().limit(settings.tuning().maxJobs()).map(p -> withStatic(settings, p)).toList();
  }

  /** Random trials {@code Bayesian} runs before its model proposes any: a third of the budget, at least 3. */
  public static int startupTrials(int maxJobs) {
    return Math.min(maxJobs, Math.max(3, maxJobs / 3));
  }

  private static List<String> gridValues(ParameterRange range) {
    if (range instanceof ParameterRange.Categorical c) {
      return c.values();
    }
    if (range instanceof ParameterRange.IntegerRange r) {
      List<String> values = new ArrayList<>();
      for (long v = r.min(); v <= r.max() && values.size() < 10_000; v++) {
        values.add(Long.toString(v));
      }
      return values;
    }
    throw new IllegalArgumentException("tuning.strategy: Grid cannot search the continuous range '" + range.name() + "'");
  }

  private static Map<String, String> withStatic(PipelineSettings settings, Map<String, String> tuned) {
    Map<String, String> hp = new TreeMap<>(settings.staticHyperparameters());
    hp.putAll(tuned);
    return hp;
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
   * Checks what can be checked before any trial: the objective, the strategy, the static
   * hyperparameters with each end of every range (each value of a categorical one).
   *
   * @throws IllegalArgumentException naming {@code tuning.strategy} or the objective
   * @throws dev.rookery.ml.exceptions.HyperparameterException naming the hyperparameter
   */
  public static void check(PipelineSettings settings) {
    TuningSettings tuning = settings.tuning();
    if (!OBJECTIVE.equals(tuning.objectiveMetric()) || !"Maximize".equals(tuning.objectiveType())) {
      throw new IllegalArgumentException(
          "local tuning maximises " + OBJECTIVE + ", found " + tuning.objectiveType() + " " + tuning.objectiveMetric());
    }
    if (!LOCAL_STRATEGIES.contains(tuning.strategy())) {
      throw new IllegalArgumentException("tuning.strategy: '" + tuning.strategy() + "' runs only in SageMaker;"
          + " local tuning implements " + LOCAL_STRATEGIES + " (Hyperband stops trials early from per-epoch"
          + " metrics, which local training does not emit)");
    }
    Hyperparameters.parse(settings.staticHyperparameters());
    for (ParameterRange range : tuning.ranges()) {
      for (String end : ends(range)) {
        Map<String, String> hp = new TreeMap<>(settings.staticHyperparameters());
        hp.put(range.name(), end);
        Hyperparameters.parse(hp);
      }
    }
  }

  private static List<String> ends(ParameterRange range) {
    if (range instanceof ParameterRange.Categorical c) {
      return c.values();
    }
    return List.of(Tpe.fromUnit(range, 0), Tpe.fromUnit(range, 1));
  }

  /**
   * Runs the trials, telling {@code listener} as each starts and ends.
   *
   * @param threads pool size (capped by {@code max_parallel_jobs} and the number of trials)
   * @param listener told of each trial, from the trial threads
   * @throws dev.rookery.ml.exceptions.HyperparameterException when a static value or a range is bad
   *     (checked before any trial runs)
   * @throws IllegalArgumentException naming {@code tuning.strategy} when it is not implemented locally
   */
  public static TuningResult tune(
      TrainingData train, TrainingData validation, PipelineSettings settings, int threads, TrialListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    check(settings);
    TuningSettings tuning = settings.tuning();
    List<Map<String, String>> planned = switch (tuning.strategy()) {
      case "Random" -> sample(settings);
      case "Grid" -> grid(settings);
      default -> null; // Bayesian: proposed batch by batch
    };
    if (planned != null) {
      planned.forEach(Hyperparameters::parse);
    }
    int total = planned != null ? planned.size() : tuning.maxJobs();
    int poolSize = Math.max(1, Math.min(Math.min(threads, tuning.maxParallelJobs()), total));
    ExecutorService pool = Executors.newFixedThreadPool(poolSize, r -> {
      Thread t = new Thread(r, "rookery-trial");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Trial> trials = new ArrayList<>();
      if (planned != null) {
        trials.addAll(run(pool, planned, 0, train, validation, listener));
      } else {
        Tpe tpe = new Tpe(tuning.ranges());
        Random random = new Random(settings.seed());
        int startup = startupTrials(tuning.maxJobs());
        while (trials.size() < total) {
          List<Tpe.Observation> observed = trials.stream()
              .map(t -> new Tpe.Observation(t.hyperparameters(), t.validationAccuracy())).toList();
          List<Map<String, String>> batch = new ArrayList<>();
          for (int i = trials.size(); i < Math.min(total, trials.size() + tuning.maxParallelJobs()); i++) {
            batch.add(withStatic(settings, i < startup ? tpe.sample(random) : tpe.propose(observed, random)));
          }
          trials.addAll(run(pool, batch, trials.size(), train, validation, listener));
        }
      }
      Trial best = best(trials, tuning.ranges());
      // The chosen trial refitted on train + validation, as the container's train mode does for
      // every trial; locally only the best needs it (same hyperparameters and seed: same model).
      if (ModelTrainer.refits(train, validation, ModelTrainer.REFIT_MAX_ROWS)) {
        best = new Trial(best.index(), best.hyperparameters(), ModelTrainer.refit(best.model(), train, validation));
      }
      return new TuningResult(trials, best);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The trial with the highest validation accuracy; on ties, the one whose {@code algorithm} comes
   * first in the {@code algorithm} range's values (the configured order of preference: a small
   * validation split often leaves a linear model and a forest tied, and the simpler one is the
   * safer choice), then the lowest index.
   */
  public static Trial best(List<Trial> trials, List<ParameterRange> ranges) {
    List<String> preference = ranges.stream()
        .filter(r -> r instanceof ParameterRange.Categorical && r.name().equals("algorithm"))
        .map(r -> ((ParameterRange.Categorical) r).values()).findFirst().orElse(List.of());
    java.util.function.ToIntFunction<Trial> rank = t -> {
      // a trial that sets no algorithm (the default one) ranks after the listed ones
      String algorithm = t.hyperparameters().get("algorithm");
      int i = algorithm == null ? -1 : preference.indexOf(algorithm);
      return i < 0 ? preference.size() : i;
    };
    return trials.stream().min(java.util.Comparator.comparingDouble((Trial t) -> -t.validationAccuracy())
        .thenComparingInt(rank).thenComparingInt(Trial::index)).orElseThrow();
  }

  private static List<Trial> run(ExecutorService pool, List<Map<String, String>> hps, int firstIndex,
      TrainingData train, TrainingData validation, TrialListener listener) {
    try {
      List<Future<Trial>> futures = new ArrayList<>();
      for (int i = 0; i < hps.size(); i++) {
        int index = firstIndex + i;
        Map<String, String> hp = hps.get(i);
        Hyperparameters parsed = Hyperparameters.parse(hp);
        futures.add(pool.submit(() -> {
          listener.trialStarted(index, hp);
          Trial trial = new Trial(index, hp, ModelTrainer.train(train, validation, parsed));
          listener.trialFinished(trial);
          return trial;
        }));
      }
      List<Trial> trials = new ArrayList<>();
      for (Future<Trial> f : futures) {
        trials.add(f.get());
      }
      return trials;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("tuning interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a trial failed: " + e.getCause(), e.getCause());
    }
  }
}
