package dev.rookery.local;

import dev.rookery.monitor.DriftMonitor;
import dev.rookery.monitor.MonitorException;
import dev.rookery.monitor.MonitorRequest;
import dev.rookery.monitor.MonitorResult;
import dev.rookery.monitor.PrometheusTextfile;
import dev.rookery.monitor.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rookery monitor}: the training container's drift analyzer over the local endpoint's
 * capture, against the served model's baseline.
 */
@Command(
    name = "monitor",
    description = {
      "Analyse the local endpoint's captured traffic against the served model's training baseline (the same"
          + " analyzer as the cloud's monitoring job); print the violations and the path of report.html.",
      "Exit code 4 when there are violations."
    })
public final class MonitorCommand extends BaseCommand {
  // Not mixinStandardHelpOptions: its -V/--version would clash with --version N.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  /** The monitoring schedule name written into the metrics' dimensions. */
  static final String SCHEDULE_NAME = "rookery-local";

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "Window: captured records newer than this (90s, 30m, 1h, 2d or PT1H; default ${DEFAULT-VALUE}).")
  Duration since;

  @Option(names = "--version", paramLabel = "N", description = "Model version whose baseline to use (default: the one being served, else the latest Approved).")
  Integer version;

  @Option(names = "--prometheus-textfile", paramLabel = "PATH",
      description = "Also write the drift distances, thresholds and violation count in Prometheus text format to PATH"
          + " (replaced atomically), for node_exporter's textfile collector: a file ending in .prom in its"
          + " --collector.textfile.directory.")
  Path prometheusTextfile;

  @Override
  protected int execute() {
    StateDir stateDir = state.stateDir();
    Optional<EndpointInfo> endpoint = EndpointInfo.read(stateDir.endpointFile());
    ModelVersion model;
    try (Registry registry = Registry.open(stateDir.registryDb())) {
      if (version != null) {
        model = registry.get(version);
      } else if (endpoint.isPresent()) {
        model = registry.get(endpoint.get().version());
      } else {
        model = registry.latestApproved().orElseThrow(() -> new CommandFailedException(
            "no model to monitor: no endpoint is running from " + stateDir.root()
                + " and no version is Approved; run `rookery run` first, or pass --version N"));
      }
    }
    String endpointName = endpoint.map(EndpointInfo::endpointName).orElse(LocalEndpoint.ENDPOINT_NAME);
    String variantName = endpoint.map(EndpointInfo::variantName).orElse(LocalEndpoint.VARIANT_NAME);
    Path capture = stateDir.capture().resolve(endpointName).resolve(variantName);
    if (!Files.isDirectory(capture)) {
      throw new CommandFailedException("no captured traffic under " + capture
          + ": serve a model (`rookery run` or `rookery serve`) and send `rookery traffic` first");
    }
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
    if (result.violations().isEmpty()) {
      out().println("no violations");
    } else {
      out().println(result.violations().size() + " violation(s):");
      for (Violation v : result.violations()) {
        out().printf(Locale.ROOT, "  %-20s %-28s %s%n", v.featureName(), v.checkType().wireName(), v.description());
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
    return result.violations().isEmpty() ? ExitCodes.OK : ExitCodes.VIOLATIONS;
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
