package dev.rookery.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.monitor.DriftMonitor;
import dev.rookery.monitor.ModelQualityMonitor;
import dev.rookery.monitor.MonitorException;
import dev.rookery.monitor.MonitorRequest;
import dev.rookery.monitor.MonitorResult;
import dev.rookery.monitor.PrometheusTextfile;
import dev.rookery.monitor.QualityRequest;
import dev.rookery.monitor.QualityResult;
import dev.rookery.monitor.Violation;
import dev.rookery.settings.PipelineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rookery monitor}: the training container's drift analyzer over the local endpoint's
 * capture, against the served model's baseline; with {@code --quality}, its model-quality job over
 * the capture joined with the ground truth under the state folder; with {@code --retrain}, a new
 * pipeline run when the job finds violations.
 */
@Command(
    name = "monitor",
    description = {
      "Analyse the local endpoint's captured traffic against the served model's training baseline (the same"
          + " analyzer as the cloud's monitoring job); print the violations and the path of report.html.",
      "--quality: instead, join the captured predictions with the ground-truth labels (`rookery label`,"
          + " `rookery traffic --labels`) and score them against the model-quality baseline.",
      "--retrain: when there are violations, run the pipeline again on the newest data and register the new"
          + " version through the same gate; the reason is kept in the new run's retrain.json.",
      "Exit code 4 when there are violations."
    })
public final class MonitorCommand extends BaseCommand {
  // Not mixinStandardHelpOptions: its -V/--version would clash with --version N.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  /** The monitoring schedule name written into the metrics' dimensions. */
  static final String SCHEDULE_NAME = "rookery-local";
  /** The same, for the model-quality job. */
  static final String QUALITY_SCHEDULE_NAME = "rookery-local-quality";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "Window: captured records newer than this (90s, 30m, 1h, 2d or PT1H; default ${DEFAULT-VALUE});"
          + " with --quality, the window ends model_quality.label_offset before now.")
  Duration since;

  @Option(names = "--version", paramLabel = "N", description = "Model version whose baseline to use (default: the one being served, else the latest Approved).")
  Integer version;

  @Option(names = "--quality", description = "Run the model-quality job (predictions joined with ground truth) instead of the drift analysis.")
  boolean quality;

  @Option(names = "--retrain", description = "When there are violations, rerun the pipeline on the newest data (--data, else the"
      + " monitored model's dataset file as it is now) and register the new version through the gate.")
  boolean retrain;

  @Option(names = "--data", paramLabel = "FILE.csv", description = "With --retrain: the dataset to retrain on (default: the monitored model's dataset file, re-read).")
  Path data;

  @Mixin SettingsOptions settingsOptions;

  @Option(names = "--prometheus-textfile", paramLabel = "PATH",
      description = "Also write the drift distances, thresholds and violation count in Prometheus text format to PATH"
          + " (replaced atomically), for node_exporter's textfile collector: a file ending in .prom in its"
          + " --collector.textfile.directory.")
  Path prometheusTextfile;

  /** What one job found, for the retrain decision and its record. */
  private record Verdict(String monitor, List<String> violations, Path report) {}

  @Override
  protected int execute() {
    if (data != null && !retrain) {
      throw new CommandFailedException("--data is the dataset --retrain trains on: add --retrain", ExitCodes.USAGE, null);
    }
    StateDir stateDir = state.stateDir();
    Optional<EndpointInfo> endpoint = EndpointInfo.read(stateDir.endpointFile());
    ModelVersion model = monitoredModel(stateDir, endpoint, version);
    String endpointName = endpoint.map(EndpointInfo::endpointName).orElse(LocalEndpoint.ENDPOINT_NAME);
    String variantName = endpoint.map(EndpointInfo::variantName).orElse(LocalEndpoint.VARIANT_NAME);
    Path capture = stateDir.capture().resolve(endpointName).resolve(variantName);
    if (!Files.isDirectory(capture)) {
      throw new CommandFailedException("no captured traffic under " + capture
          + ": serve a model (`rookery run` or `rookery serve`) and send `rookery traffic` first");
    }
    PipelineSettings settings = settingsOptions.load();
    Verdict verdict = quality
        ? quality(stateDir, model, endpointName, capture, settings)
        : drift(stateDir, model, endpointName, capture);
    if (verdict.violations().isEmpty()) {
      return ExitCodes.OK;
    }
    if (retrain) {
      retrain(stateDir, model, settings, verdict);
    }
    return ExitCodes.VIOLATIONS;
  }

  /**
   * The model whose baseline a monitor uses: {@code version} when given, else the one being served,
   * else the latest Approved.
   *
   * @throws CommandFailedException when there is none
   */
  static ModelVersion monitoredModel(StateDir stateDir, Optional<EndpointInfo> endpoint, Integer version) {
    try (Registry registry = Registry.open(stateDir.registryDb())) {
      if (version != null) {
        return registry.get(version);
      } else if (endpoint.isPresent()) {
        return registry.get(endpoint.get().version());
      }
      return registry.latestApproved().orElseThrow(() -> new CommandFailedException(
          "no model to monitor: no endpoint is running from " + stateDir.root()
              + " and no version is Approved; run `rookery run` first, or pass --version N"));
    }
  }

  private Verdict drift(StateDir stateDir, ModelVersion model, String endpointName, Path capture) {
    Instant now = Instant.now();
    Path output = stateDir.reports().resolve("monitor-" + LocalPipeline.newRunId());
    MonitorResult result;
    try {
      result = DriftMonitor.run(new MonitorRequest(
          capture,
          output,
          new MonitorRequest.Baseline(model.layout().baselineStatistics(), model.layout().baselineConstraints()),
          new MonitorRequest.TimeWindow(now.minus(since), null),
          new MonitorRequest.Metrics(endpointName, SCHEDULE_NAME, now, null)));
    } catch (MonitorException e) {
      throw new CommandFailedException("monitor failed: " + e.getMessage(), e);
    }
    out().printf(Locale.ROOT, "analysed %d captured records of the last %s against model version %d's baseline%s%n",
        result.itemCount(), describe(since), model.version(),
        result.malformedCount() > 0 ? " (" + result.malformedCount() + " malformed skipped)" : "");
    if (result.itemCount() == 0) {
      out().println("no captured record in the window: send `rookery traffic` first, or widen --since");
    }
    if (!result.findings().predictionCounts().isEmpty()) {
      out().println("predictions: " + result.findings().predictionCounts());
    }
    List<String> violations = new ArrayList<>();
    if (result.violations().isEmpty()) {
      out().println("no violations");
    } else {
      out().println(result.violations().size() + " violation(s):");
      for (Violation v : result.violations()) {
        out().printf(Locale.ROOT, "  %-20s %-28s %s%n", v.featureName(), v.checkType().wireName(), v.description());
        violations.add(v.featureName() + " " + v.checkType().wireName() + ": " + v.description());
      }
    }
    out().println("violations: " + result.violationsFile());
    out().println("report:     " + result.reportFile());
    if (prometheusTextfile != null) {
      try {
        PrometheusTextfile.write(prometheusTextfile, result, endpointName, now);
      } catch (IOException e) {
        throw new CommandFailedException("cannot write the Prometheus textfile " + prometheusTextfile + ": " + e, e);
      }
      out().println("prometheus: " + prometheusTextfile);
    }
    return new Verdict("drift", violations, result.reportFile());
  }

  private Verdict quality(StateDir stateDir, ModelVersion model, String endpointName, Path capture,
      PipelineSettings settings) {
    if (prometheusTextfile != null) {
      throw new CommandFailedException("--prometheus-textfile writes the drift metrics: drop --quality or it",
          ExitCodes.USAGE, null);
    }
    Path constraints = model.layout().qualityConstraints();
    if (!Files.isRegularFile(constraints)) {
      throw new CommandFailedException("model version " + model.version() + " has no model-quality baseline ("
          + constraints + " is missing: it was trained before model-quality monitoring); `rookery run` trains one that has");
    }
    Path groundTruth = GroundTruthFolder.of(stateDir, endpointName);
    if (!Files.isDirectory(groundTruth)) {
      throw new CommandFailedException("no ground truth under " + groundTruth
          + ": send `rookery traffic --labels`, or store labels with `rookery label FILE`");
    }
    Instant now = Instant.now();
    Instant end = now.minus(settings.modelQuality().labelOffset());
    Path output = stateDir.reports().resolve("quality-" + LocalPipeline.newRunId());
    QualityResult result;
    try {
      result = ModelQualityMonitor.run(new QualityRequest(
          new QualityRequest.Sources(capture, groundTruth), constraints, output,
          new MonitorRequest.TimeWindow(end.minus(since), end),
          new MonitorRequest.Metrics(endpointName, QUALITY_SCHEDULE_NAME, end, null),
          settings.modelQuality().minJoinedRecords()));
    } catch (MonitorException e) {
      throw new CommandFailedException("monitor --quality failed: " + e.getMessage(), e);
    }
    QualityResult.LabelCounts labels = result.counts().labels();
    out().printf(Locale.ROOT, "joined %d of %d labels with the predictions of the last %s%s against model version %d's"
        + " model-quality baseline%n", labels.joined(), labels.total(), describe(since),
        settings.modelQuality().labelOffset().isZero() ? "" : " (ending " + describe(settings.modelQuality().labelOffset())
            + " ago, model_quality.label_offset)", model.version());
    out().printf(Locale.ROOT, "labels: %d unmatched (no captured record has the id), %d of an unknown class, %d malformed,"
        + " %d of records outside the window, %d repeated, %d of unscorable predictions%n", labels.unmatched(),
        labels.unknownClass(), labels.malformed(), labels.outsideWindow(), labels.duplicate(), labels.unjoinable());
    labels.problems().stream().limit(5).forEach(p -> out().println("  " + p));
    result.notEnoughLabelsMessage().ifPresent(m -> out().println(m + " (model_quality.min_joined_records): no verdict"));
    result.evaluation().ifPresent(e -> out().printf(Locale.ROOT, "accuracy %.4f, weighted F1 %.4f%n", e.accuracy(),
        e.metrics().get("weighted_f1").value()));
    List<String> violations = new ArrayList<>();
    if (result.enoughLabels() && result.violations().isEmpty()) {
      out().println("no violations");
    } else if (!result.violations().isEmpty()) {
      out().println(result.violations().size() + " violation(s):");
      for (QualityResult.Violation v : result.violations()) {
        out().printf(Locale.ROOT, "  %-20s %-28s %s%n", v.metricName(), v.checkType(), v.description());
        violations.add(v.metricName() + " " + v.checkType() + ": " + v.description());
      }
    }
    out().println("violations: " + result.violationsFile());
    out().println("report:     " + result.reportFile());
    return new Verdict("model-quality", violations, result.reportFile());
  }

  /**
   * Runs the pipeline on the newest data: {@code --data}, else the dataset file the monitored model
   * was trained on, read as it is now (rows added since are in; the registry's lineage keeps both
   * files' SHA-256). The gate decides as for {@code rookery run}; either way the reason is written to
   * the new run's {@code retrain.json}. The running endpoint keeps serving the old version.
   */
  private void retrain(StateDir stateDir, ModelVersion model, PipelineSettings settings, Verdict verdict) {
    Path dataset = data != null ? data : Path.of(model.registration().data().path());
    out().println("retrain: " + verdict.monitor() + " violations; running the pipeline on " + dataset);
    PipelineSettings withTarget = SettingsOptions.withTarget(settings, model.registration().data().target());
    LocalPipeline.Outcome outcome = new LocalPipeline(stateDir, withTarget,
        new Progress(out(), System.console() != null, LocalPipeline.STEPS)).run(dataset);
    ObjectNode reason = JSON.createObjectNode();
    reason.put("reason", verdict.monitor() + " violations of model version " + model.version());
    reason.put("monitor", verdict.monitor());
    verdict.violations().forEach(reason.putArray("violations")::add);
    reason.put("report", verdict.report().toString());
    reason.put("monitored_version", model.version());
    reason.put("data", dataset.toAbsolutePath().toString());
    reason.put("data_sha256", LocalPipeline.sha256(dataset));
    reason.put("gate", (outcome.gate().passed() ? "passed: " : "rejected: ") + outcome.gate().message());
    outcome.version().ifPresent(v -> reason.put("registered_version", v.version()).put("status", v.status().toString()));
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(outcome.layout().retrainReason().toFile(), reason);
    } catch (IOException e) {
      throw new CommandFailedException("cannot write " + outcome.layout().retrainReason() + ": " + e, e);
    }
    out().println(outcome.version()
        .map(v -> "retrain: model version " + v.version() + " registered (" + v.status() + ") from run "
            + outcome.layout().runId() + "; `rookery serve` serves the latest approved version")
        .orElse("retrain: the gate rejected the new model (" + outcome.gate().message() + "); nothing registered"));
    out().println("retrain reason: " + outcome.layout().retrainReason());
  }

  private static String describe(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** {@code --since} values; a bad one is a usage error (exit 2). */
  static final class DurationConverter extends UsageConverter<Duration> {
    DurationConverter() {
      super(Durations::parse);
    }
  }
}
