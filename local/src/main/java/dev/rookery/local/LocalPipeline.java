package dev.rookery.local;

import dev.rookery.settings.PipelineSettings;
import dev.rookery.ml.evaluate.Evaluation;
import dev.rookery.ml.evaluate.Evaluator;
import dev.rookery.ml.evaluate.ModelQualityFiles;
import dev.rookery.ml.exceptions.DatasetException;
import dev.rookery.ml.exceptions.HyperparameterException;
import dev.rookery.ml.model.ModelArtifact;
import dev.rookery.ml.model.ModelBundle;
import dev.rookery.ml.preprocess.PreprocessOptions;
import dev.rookery.ml.preprocess.PreprocessResult;
import dev.rookery.ml.preprocess.Preprocessor;
import dev.rookery.ml.preprocess.SplitDirectory;
import dev.rookery.ml.train.Hyperparameters;
import dev.rookery.ml.train.ModelTrainer;
import dev.rookery.ml.train.TrainingData;
import dev.rookery.ml.tune.Trial;
import dev.rookery.ml.tune.TrialListener;
import dev.rookery.ml.tune.Tuner;
import dev.rookery.ml.tune.TuningResult;
import dev.rookery.runs.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local pipeline, steps 2 to 6 of the cloud one, in-process and with the training container's
 * own classes: preprocess ({@link Preprocessor}) -> tune ({@link Tuner#tune}, whose listener draws
 * the progress bar) -> evaluate ({@link Evaluator} on the packed artifact) -> gate -> register.
 * Every artefact is written into the run folder before the single registry insert, so a run that
 * fails or is killed registers nothing. Deployment is the caller's ({@link RunCommand}).
 */
public final class LocalPipeline {
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final StateDir state;
  private final PipelineSettings settings;
  private final Progress progress;

  /**
   * @param state the state folder
   * @param settings pipeline settings (target already overridden by {@code --target})
   * @param progress where steps are shown
   */
  public LocalPipeline(StateDir state, PipelineSettings settings, Progress progress) {
    this.state = Objects.requireNonNull(state, "state");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * What a run produced.
   *
   * @param layout the run folder
   * @param dataset the dataset read
   * @param rows rows used, and dropped for a missing target
   * @param best what tuning chose
   * @param gate the gate's verdict
   * @param version the registered version, empty when the gate rejected the model
   */
  public record Outcome(
      RunLayout layout, Path dataset, String rows, BestTrial best, Gate.Decision gate, Optional<ModelVersion> version) {}


  /**
   * The trial tuning chose.
   *
   * @param trials how many trials ran
   * @param hyperparameters its hyperparameters
   * @param accuracy its accuracy per split ({@code train}, {@code validation}, {@code test})
   */
  public record BestTrial(int trials, Map<String, String> hyperparameters, Map<String, Double> accuracy) {}

  /** Number of steps {@link #run} shows (deploy is shown by the caller). */
  public static final int STEPS = 5;

  /**
   * Runs preprocess .. register.
   *
   * @param dataset the CSV to train on
   * @throws CommandFailedException naming the problem (bad dataset, bad settings, I/O)
   */
  public Outcome run(Path dataset) {
    if (!Files.isRegularFile(dataset)) {
      throw new CommandFailedException("dataset " + dataset + " does not exist or is not a file: pass --data FILE.csv");
    }
    Instant started = Instant.now();
    RunLayout layout = state.run(newRunId());

    // 1. Preprocess: the loader validates the whole dataset before anything is trained.
    Progress.Step step = progress.start("preprocess", "validate, split (stratified, seed " + settings.seed() + "), fit, baseline: " + dataset);
    PreprocessResult pre;
    try {
      pre = Preprocessor.run(dataset, PreprocessOptions.from(settings, layout.dir()));
    } catch (DatasetException e) {
      throw new CommandFailedException("bad dataset, nothing trained: " + e.getMessage()
          + " (fix the file, or pass --data FILE.csv --target COLUMN)", e);
    }
    PreprocessResult.RowCounts counts = pre.counts();
    String rows = counts.used() + " rows (" + counts.train() + "/" + counts.validation() + "/" + counts.test() + ")"
        + (counts.dropped() > 0 ? ", " + counts.dropped() + " without a target dropped" : "");
    step.done(rows + ", " + pre.schema().features().size() + " features, classes " + pre.schema().classes());

    // 2. Tune: the Tuner's trials, run in parallel, with a progress bar.
    int trials = settings.tuning().maxJobs();
    int threads = Math.max(1, Math.min(Math.min(Runtime.getRuntime().availableProcessors(),
        settings.tuning().maxParallelJobs()), trials));
    step = progress.start("tune", trials + " trials, " + threads + " in parallel, objective " + Tuner.OBJECTIVE);
    TuningResult tuning = tune(pre, threads, step);
    Trial best = tuning.best();
    step.done(String.format(Locale.ROOT, "best trial %d, validation accuracy %.4f, %s; validation accuracy = %s",
        best.index(), best.validationAccuracy(), new java.util.TreeMap<>(best.hyperparameters()),
        ModelTrainer.objectiveDescription(counts.train(), counts.validation(), Hyperparameters.parse(best.hyperparameters()))));

    // 3. Evaluate the packed artifact on the test split, as the cloud's evaluate job does.
    step = progress.start("evaluate", "best model on the test split");
    Evaluation evaluation;
    try {
      ModelArtifact.writeTarGz(best.model(), layout.model(), layout.modelArchive());
      evaluation = Evaluator.evaluate(ModelBundle.loadTarGz(layout.modelArchive()), new SplitDirectory(layout.test()));
      Evaluator.write(evaluation, layout.evaluation());
      ModelQualityFiles.writeBaseline(evaluation, settings.modelQuality().accuracyTolerance(),
          java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), layout.evaluation());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model or its evaluation under " + layout.dir(), e);
    }
    Map<String, Double> accuracy = new LinkedHashMap<>();
    accuracy.put("train", best.model().trainAccuracy());
    accuracy.put("validation", best.validationAccuracy());
    accuracy.put("test", evaluation.accuracy());
    BestTrial chosen = new BestTrial(trials, best.hyperparameters(), accuracy);
    step.done(String.format(Locale.ROOT, "test accuracy %.4f on %d records", evaluation.accuracy(), evaluation.itemCount()));
    String datasetSha256 = sha256(dataset);
    RunRecord record = new RunRecord(layout.runId(), started, Instant.now(),
        new RunRecord.Dataset(dataset.toAbsolutePath().toString(), datasetSha256, pre.schema().target()),
        new RunRecord.Rows(counts.train(), counts.validation(), counts.test(), counts.dropped()),
        RunRecord.config(settings.toJson()),
        new RunRecord.Tuning(settings.tuning().strategy(), settings.tuning().objectiveMetric(),
            tuning.trials().stream().map(t -> new RunRecord.Trial(String.valueOf(t.index()), t.hyperparameters(),
                Optional.of(t.validationAccuracy()))).toList(),
            String.valueOf(best.index())),
        evaluation.modelMetrics(), Optional.empty(), Optional.empty());

    // 4. Gate, against the newest approved version.
    step = progress.start("gate", String.format(Locale.ROOT, "test accuracy >= %.4f%s",
        settings.gate().accuracyThreshold(), settings.gate().mustBeatApproved() ? " and beats the approved model" : ""));
    Gate.Decision decision;
    Optional<ModelVersion> approved;
    try (Registry registry = Registry.open(state.registryDb())) {
      approved = registry.latestApproved();
      decision = new Gate(settings.gate()).decide(evaluation.accuracy(), approved);
    }
    EvaluationReport.write(layout.evaluationJson(), layout.evaluationHtml(), new EvaluationReport.Inputs(
        "run " + layout.runId() + ", dataset " + dataset, EvaluationReport.Tuning.of(tuning), settings.tuning().ranges(),
        new EvaluationReport.GateView(settings.gate().accuracyThreshold(), approved, decision)));
    step.done((decision.passed() ? "passed: " : "REJECTED: ") + decision.message());
    // The approved model's numbers are in the record only when the gate compared with them.
    Optional<ModelVersion> compared = settings.gate().mustBeatApproved() && decision.verdict() != Gate.Verdict.BELOW_THRESHOLD
        ? approved : Optional.empty();
    record = record.withGate(new RunRecord.Gate(decision.verdict().name(), settings.gate().accuracyThreshold(),
        evaluation.accuracy(), compared.map(ModelVersion::testAccuracy), compared.map(ModelVersion::version)),
        Instant.now());
    if (!decision.passed()) {
      recordRun(layout, record);
      return new Outcome(layout, dataset, rows, chosen, decision, Optional.empty());
    }

    // 5. Register: one INSERT, after every artefact is in place.
    ApprovalStatus status = settings.approval() == dev.rookery.settings.Approval.MANUAL ? ApprovalStatus.PendingManualApproval : ApprovalStatus.Approved;
    step = progress.start("register", "model version in " + state.registryDb() + " as " + status);
    ModelVersion version;
    try (Registry registry = Registry.open(state.registryDb())) {
      version = registry.register(new ModelVersion.Registration(layout.runId(), layout.dir(),
          new ModelVersion.Lineage(dataset.toAbsolutePath().toString(), datasetSha256, pre.schema().target()),
          accuracy, best.hyperparameters()), status);
    }
    recordRun(layout, record.withModel(
        new RunRecord.Model(version.version(), version.status().name(), Optional.empty()), Instant.now()));
    step.done("model version " + version.version() + ", " + version.status());
    return new Outcome(layout, dataset, rows, chosen, decision, Optional.of(version));
  }

  /**
   * Writes the run's {@code run.json} (atomically: a reader never sees half of it) and indexes it
   * in the registry's runs table; after a model version's INSERT, so the record names it.
   */
  private void recordRun(RunLayout layout, RunRecord record) {
    try {
      Path tmp = Files.createTempFile(layout.dir(), "run", ".json.tmp");
      Files.writeString(tmp, record.toJson());
      Files.move(tmp, layout.runJson(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + layout.runJson(), e);
    }
    try (Registry registry = Registry.open(state.registryDb())) {
      registry.recordRun(record, layout.runJson());
    }
  }

  /**
   * Runs the {@link Tuner}'s trials (the same code path as the container) with a progress bar
   * drawn from its {@link TrialListener}, and returns every trial.
   */
  private TuningResult tune(PreprocessResult pre, int threads, Progress.Step step) {
    TrainingData train = TrainingData.load(new SplitDirectory(pre.train().dir()));
    TrainingData validation = TrainingData.load(new SplitDirectory(pre.validation().dir()));
    int total = settings.tuning().maxJobs();
    AtomicInteger done = new AtomicInteger();
    step.progress(0, total, "");
    TrialListener bar = new TrialListener() {
      @Override
      public void trialFinished(Trial t) {
        step.progress(done.incrementAndGet(), total,
            String.format(Locale.ROOT, "trial %d: validation accuracy %.4f", t.index(), t.validationAccuracy()));
      }
    };
    try {
      return Tuner.tune(train, validation, settings, threads, bar);
    } catch (HyperparameterException e) {
      throw new CommandFailedException("bad hyperparameters from the pipeline settings"
          + " (static_hyperparameters, tuning.parameter_ranges): " + e.getMessage(), e);
    }
  }

  static String newRunId() {
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return ZonedDateTime.now(ZoneOffset.UTC).format(RUN_ID) + "-" + HexFormat.of().formatHex(random);
  }

  static String sha256(Path file) {
    try {
      return TrainingData.sha256(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
