package dev.rookery.local;

import dev.rookery.settings.PipelineSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rookery run}: preprocess -> tune -> evaluate -> gate -> register -> deploy, on this
 * machine, then a summary; serves until stopped unless {@code --no-serve}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline: preprocess -> tune (trials in parallel) -> evaluate -> gate -> register -> deploy"
          + " (a local endpoint with data capture), on the embedded penguins data unless --data is given.",
      "Writes evaluation.html for every run. Exit code 3 when the model does not pass the gate (nothing is"
          + " registered or deployed)."
    })
public final class RunCommand extends BaseCommand {
  @Option(names = "--data", paramLabel = "FILE.csv", description = "Dataset CSV with a header row (default: the embedded penguins data).")
  Path data;

  @Option(names = "--target", paramLabel = "COLUMN", description = "Target column (default: the settings' target, species).")
  String target;

  @Mixin SettingsOptions settingsOptions;

  @Option(names = "--no-serve", description = "Stop after registering; do not start the endpoint.")
  boolean noServe;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Endpoint port, 0 for any free one (default ${DEFAULT-VALUE}).")
  int port;

  @Override
  protected int execute() {
    if (port < 0 || port > 65_535) {
      throw new CommandFailedException("--port must be between 0 and 65535, found " + port, ExitCodes.USAGE, null);
    }
    StateDir stateDir = state.stateDir();
    PipelineSettings settings = SettingsOptions.withTarget(settingsOptions.load(), target);
    Path dataset = data != null ? data : EmbeddedDataset.penguins(stateDir);
    boolean serve = !noServe;
    Progress progress = new Progress(out(), System.console() != null, LocalPipeline.STEPS + (serve ? 1 : 0));

    LocalPipeline.Outcome outcome = new LocalPipeline(stateDir, settings, progress).run(dataset);

    if (outcome.version().isEmpty()) {
      printSummary(outcome, null);
      throw new CommandFailedException("gate rejected the model: " + outcome.gate().message()
          + "; nothing registered, nothing deployed", ExitCodes.GATE_REJECTED, null);
    }
    ModelVersion version = outcome.version().get();
    if (!serve) {
      printSummary(outcome, null);
      out().println("not deployed (--no-serve): `rookery serve` serves the latest approved version");
      return ExitCodes.OK;
    }
    if (version.status() != ApprovalStatus.Approved) {
      printSummary(outcome, null);
      out().println("not deployed: model version " + version.version() + " is " + version.status()
          + " (approval: manual); approve it with `rookery registry approve " + version.version()
          + "`, then `rookery serve`");
      return ExitCodes.OK;
    }
    Progress.Step step = progress.start("deploy", "local endpoint for model version " + version.version()
        + ", capture " + settings.capturePercent() + "% to " + stateDir.capture());
    try (LocalEndpoint endpoint = LocalEndpoint.start(stateDir, version, port, settings.capturePercent())) {
      step.done("serving on " + endpoint.info().url());
      printSummary(outcome, endpoint.info());
      out().println("serving until Ctrl-C; in another terminal: ./rookery traffic --count 200, then ./rookery monitor");
      out().flush();
      endpoint.serveUntilStopped();
    }
    out().println("endpoint stopped");
    return ExitCodes.OK;
  }

  private void printSummary(LocalPipeline.Outcome o, EndpointInfo endpoint) {
    PrintWriter w = out();
    RunLayout run = o.layout();
    w.println();
    w.println("Summary of run " + run.runId());
    row(w, "dataset", o.dataset() + ", " + o.rows());
    for (Map.Entry<String, Double> e : o.best().accuracy().entrySet()) {
      row(w, "accuracy " + e.getKey(), String.format(Locale.ROOT, "%.4f", e.getValue()));
    }
    row(w, "best of " + o.best().trials() + " trials", new TreeMap<>(o.best().hyperparameters()).toString());
    row(w, "gate", (o.gate().passed() ? "passed: " : "rejected: ") + o.gate().message());
    row(w, "model version", o.version().map(v -> v.version() + ", " + v.status()).orElse("none (not registered)"));
    row(w, "endpoint", endpoint == null ? "not deployed" : endpoint.url() + "/invocations (text/csv, application/json)");
    w.println("  artefacts");
    row(w, "  run folder", run.dir().toString());
    row(w, "  splits", run.train() + ", " + run.validation() + ", " + run.test());
    row(w, "  baseline", run.baseline().toString());
    row(w, "  model", run.modelArchive().toString());
    row(w, "  evaluation", run.evaluationJson().toString());
    row(w, "  report", run.evaluationHtml().toString());
    row(w, "  run record", run.runJson() + " (rookery runs show " + run.runId() + ")");
    if (endpoint != null) {
      row(w, "  capture", state.stateDir().capture().resolve(endpoint.endpointName()).resolve(endpoint.variantName()).toString());
    }
    w.flush();
  }

  private static void row(PrintWriter w, String label, String value) {
    w.printf(Locale.ROOT, "  %-20s%s%n", label, value);
  }
}
