package dev.rookery.ml.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.ml.exceptions.HyperparameterException;
import dev.rookery.ml.preprocess.PreprocessOptions;
import dev.rookery.ml.preprocess.PreprocessResult;
import dev.rookery.ml.preprocess.Preprocessor;
import dev.rookery.ml.train.TrainingData;
import dev.rookery.settings.ParameterRange;
import dev.rookery.settings.ParameterRange.Scaling;
import dev.rookery.settings.PipelineSettings;
import dev.rookery.settings.TuningSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local strategies: what each proposes, and Bayesian against Random where the choice matters. */
class StrategyTest {
  /** Algorithm choice and tree depth matter here; learning rate and epochs barely do. */
  private static final List<ParameterRange> RANGES = List.of(
      new ParameterRange.Continuous("learning_rate", 0.01, 1.0, Scaling.LOGARITHMIC),
      new ParameterRange.Continuous("feature_fraction", 0.2, 1.0, Scaling.LINEAR),
      new ParameterRange.IntegerRange("epochs", 2, 20, Scaling.LINEAR),
      new ParameterRange.IntegerRange("max_depth", 1, 12, Scaling.LINEAR),
      new ParameterRange.IntegerRange("num_trees", 3, 20, Scaling.LINEAR),
      new ParameterRange.Categorical("algorithm", List.of("logistic", "cart", "forest")));

  private static PipelineSettings settings(String strategy, int maxJobs, int parallel, List<ParameterRange> ranges,
      long seed) {
    return PipelineSettings.builder("label").seed(seed).staticHyperparameters(Map.of())
        .tuning(new TuningSettings("validation:accuracy", "Maximize", strategy, maxJobs, parallel, ranges)).build();
  }

  /**
   * A 4x4 checkerboard on x0, x1 with four noise columns and 5% label noise: a linear model
   * cannot beat a coin, a shallow tree barely can, deep trees reach ~0.9.
   */
  private static Path checkerboard(Path file, int rows, long seed) throws IOException {
    Random random = new Random(seed);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("label,x0,x1,x2,x3,x4,x5\n");
      for (int r = 0; r < rows; r++) {
        double[] x = new double[6];
        for (int f = 0; f < 6; f++) {
          x[f] = random.nextDouble();
        }
        boolean on = ((int) (x[0] * 4) + (int) (x[1] * 4)) % 2 == 0;
        if (random.nextDouble() < 0.05) {
          on = !on;
        }
        w.write(on ? "on" : "off");
        for (double v : x) {
          w.write(String.format(Locale.ROOT, ",%.4f", v));
        }
        w.write('\n');
      }
    }
    return file;
  }

  @Test
  void bayesian_twelveTrials_medianBestOverFiveSeedsBeatsOrTiesRandom(@TempDir Path dir) throws IOException {
    // given
    Path csv = checkerboard(dir.resolve("board.csv"), 800, 7);
    double[] random = new double[5];
    double[] bayesian = new double[5];
    for (int seed = 0; seed < 5; seed++) {
      PipelineSettings base = settings("Random", 12, 3, RANGES, seed);
      PreprocessResult p = Preprocessor.run(csv, PreprocessOptions.from(base, dir.resolve("split" + seed)));
      TrainingData train = TrainingData.load(p.train());
      TrainingData validation = TrainingData.load(p.validation());
      // when
      random[seed] = Tuner.tune(train, validation, base, 2).best().validationAccuracy();
      bayesian[seed] = Tuner.tune(train, validation, settings("Bayesian", 12, 3, RANGES, seed), 2)
          .best().validationAccuracy();
    }
    // then
    Arrays.sort(random);
    Arrays.sort(bayesian);
    System.out.printf(Locale.ROOT, "best validation accuracy over 5 seeds, 12 trials: Random %s, Bayesian %s%n",
        Arrays.toString(random), Arrays.toString(bayesian));
    assertThat(bayesian[2]).isGreaterThanOrEqualTo(random[2]);
  }

  @Test
  void bayesian_proposesFromFinishedTrials_batchesOfMaxParallelJobs(@TempDir Path dir) throws IOException {
    // given: trials run serially, so the next batch can only be proposed after this one finished
    Path csv = checkerboard(dir.resolve("board.csv"), 300, 3);
    PipelineSettings settings = settings("Bayesian", 9, 3, RANGES, 1);
    PreprocessResult p = Preprocessor.run(csv, PreprocessOptions.from(settings, dir));
    TrainingData train = TrainingData.load(p.train());
    TrainingData validation = TrainingData.load(p.validation());
    AtomicInteger running = new AtomicInteger();
    List<Integer> finishedBeforeStart = new ArrayList<>();
    AtomicInteger finished = new AtomicInteger();
    TrialListener listener = new TrialListener() {
      @Override
      public synchronized void trialStarted(int index, Map<String, String> hyperparameters) {
        assertThat(running.incrementAndGet()).isLessThanOrEqualTo(3);
        finishedBeforeStart.add(finished.get());
      }

      @Override
      public synchronized void trialFinished(Trial trial) {
        running.decrementAndGet();
        finished.incrementAndGet();
      }
    };
    // when
    TuningResult a = Tuner.tune(train, validation, settings, 3, listener);
    TuningResult b = Tuner.tune(train, validation, settings, 1);
    // then: batch k starts after the 3k trials before it finished; same trials whatever the threads
    // (listener calls come in start order: one pool thread per trial of a batch)
    assertThat(a.trials()).hasSize(9);
    for (int i = 0; i < 9; i++) {
      assertThat(finishedBeforeStart.get(i)).as("trials finished before trial %d started", i).isGreaterThanOrEqualTo(i / 3 * 3);
    }
    assertThat(a.trials()).extracting(Trial::hyperparameters)
        .isEqualTo(b.trials().stream().map(Trial::hyperparameters).toList());
    // after the random startup, proposals move away from the plain random draws
    assertThat(a.trials().subList(3, 9)).extracting(Trial::hyperparameters)
        .isNotEqualTo(Tuner.sample(settings).subList(3, 9));
  }

  @Test
  void tpe_afterGoodTreesAndBadLogistic_proposesMostlyTrees() {
    // given: forest trials scored high, logistic low
    Tpe tpe = new Tpe(List.of(new ParameterRange.Categorical("algorithm", List.of("logistic", "cart", "forest")),
        new ParameterRange.IntegerRange("max_depth", 1, 12, Scaling.LINEAR)));
    List<Tpe.Observation> observed = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      observed.add(new Tpe.Observation(Map.of("algorithm", "forest", "max_depth", Integer.toString(9 + i % 3)), 0.9));
      observed.add(new Tpe.Observation(Map.of("algorithm", "logistic", "max_depth", Integer.toString(1 + i)), 0.5));
      observed.add(new Tpe.Observation(Map.of("algorithm", "cart", "max_depth", "1"), 0.55));
    }
    Random random = new Random(5);
    int forestDeep = 0;
    // when
    for (int i = 0; i < 50; i++) {
      Map<String, String> proposal = tpe.propose(observed, random);
      if (proposal.get("algorithm").equals("forest") && Integer.parseInt(proposal.get("max_depth")) >= 7) {
        forestDeep++;
      }
    }
    // then: a uniform draw would hit this corner about 1 time in 6
    assertThat(forestDeep).isGreaterThan(40);
  }

  @Test
  void tpe_unitRoundTrip_everyIntegerAndCategoricalValue() {
    ParameterRange ints = new ParameterRange.IntegerRange("max_depth", 3, 9, Scaling.LINEAR);
    ParameterRange logInts = new ParameterRange.IntegerRange("num_trees", 1, 1000, Scaling.LOGARITHMIC);
    ParameterRange cats = new ParameterRange.Categorical("algorithm", List.of("logistic", "cart", "forest"));
    for (long v = 3; v <= 9; v++) {
      assertThat(Tpe.fromUnit(ints, Tpe.toUnit(ints, Long.toString(v)))).isEqualTo(Long.toString(v));
    }
    for (String v : List.of("1", "10", "500", "1000")) {
      assertThat(Tpe.fromUnit(logInts, Tpe.toUnit(logInts, v))).isEqualTo(v);
    }
    for (String v : List.of("logistic", "cart", "forest")) {
      assertThat(Tpe.fromUnit(cats, Tpe.toUnit(cats, v))).isEqualTo(v);
    }
  }

  @Test
  void grid_everyCombinationOfCategoricalAndInteger_uptoMaxJobs() {
    List<ParameterRange> ranges = List.of(new ParameterRange.Categorical("algorithm", List.of("cart", "forest")),
        new ParameterRange.IntegerRange("max_depth", 2, 4, Scaling.LINEAR));
    // when
    List<Map<String, String>> all = Tuner.grid(settings("Grid", 100, 2, ranges, 1));
    List<Map<String, String>> four = Tuner.grid(settings("Grid", 4, 2, ranges, 1));
    // then
    assertThat(all).hasSize(6);
    assertThat(new HashSet<>(all)).hasSize(6);
    assertThat(all.get(0)).containsEntry("algorithm", "cart").containsEntry("max_depth", "2");
    assertThat(all.get(5)).containsEntry("algorithm", "forest").containsEntry("max_depth", "4");
    assertThat(four).isEqualTo(all.subList(0, 4));
  }

  @Test
  void grid_runsEveryPoint(@TempDir Path dir) throws IOException {
    List<ParameterRange> ranges = List.of(new ParameterRange.Categorical("algorithm", List.of("logistic", "cart")),
        new ParameterRange.IntegerRange("max_depth", 2, 3, Scaling.LINEAR));
    PipelineSettings settings = settings("Grid", 10, 2, ranges, 1);
    PreprocessResult p = Preprocessor.run(checkerboard(dir.resolve("b.csv"), 200, 1), PreprocessOptions.from(settings, dir));
    TuningResult r = Tuner.tune(TrainingData.load(p.train()), TrainingData.load(p.validation()), settings, 2);
    assertThat(r.trials()).extracting(Trial::hyperparameters).isEqualTo(Tuner.grid(settings));
  }

  @Test
  void hyperband_refusedBeforeAnyTrial_namingTheField() {
    PipelineSettings settings = settings("Hyperband", 3, 1, RANGES, 1);
    AtomicInteger started = new AtomicInteger();
    assertThatThrownBy(() -> Tuner.tune(null, null, settings, 1, new TrialListener() {
      @Override
      public void trialStarted(int index, Map<String, String> hyperparameters) {
        started.incrementAndGet();
      }
    })).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tuning.strategy").hasMessageContaining("Hyperband");
    assertThat(started).hasValue(0);
  }

  @Test
  void bayesian_rangeOfAnUnknownHyperparameter_failsBeforeAnyTrial() {
    PipelineSettings settings = settings("Bayesian", 3, 1,
        List.of(new ParameterRange.IntegerRange("max_dept", 1, 3, Scaling.LINEAR)), 1);
    assertThatThrownBy(() -> Tuner.tune(null, null, settings, 1))
        .isInstanceOf(HyperparameterException.class).hasMessageContaining("max_dept");
  }

  @Test
  void bayesian_rangeEndOutsideTheRules_failsBeforeAnyTrial() {
    PipelineSettings settings = settings("Bayesian", 3, 1,
        List.of(new ParameterRange.IntegerRange("max_depth", 1, 500, Scaling.LINEAR)), 1);
    assertThatThrownBy(() -> Tuner.tune(null, null, settings, 1))
        .isInstanceOf(HyperparameterException.class).hasMessageContaining("max_depth").hasMessageContaining("500");
  }
}
