package dev.rookery.local;

import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rookery serve}: serves a registered model version with data capture until stopped. */
@Command(
    name = "serve",
    description = "Serve a registered model version (the latest Approved by default) on /invocations, with"
        + " SageMaker-format data capture under the state folder's capture/, until Ctrl-C.")
public final class ServeCommand extends BaseCommand {
  // Not mixinStandardHelpOptions: its -V/--version would clash with --version N.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--version", paramLabel = "N", description = "Model version to serve (default: the latest Approved).")
  Integer version;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port, 0 for any free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--capture-percent", paramLabel = "P", description = "Share of requests captured, 0..100 (default: the settings' capture_percent).")
  Integer capturePercent;

  @Mixin SettingsOptions settingsOptions;

  @Override
  protected int execute() {
    if (port < 0 || port > 65_535) {
      throw new CommandFailedException("--port must be between 0 and 65535, found " + port, ExitCodes.USAGE, null);
    }
    if (capturePercent != null && (capturePercent < 0 || capturePercent > 100)) {
      throw new CommandFailedException("--capture-percent must be between 0 and 100, found " + capturePercent, ExitCodes.USAGE, null);
    }
    StateDir stateDir = state.stateDir();
    ModelVersion model;
    try (Registry registry = Registry.open(stateDir.registryDb())) {
      if (version != null) {
        model = registry.get(version);
        if (model.status() == ApprovalStatus.Rejected) {
          out().println("warning: model version " + version + " is Rejected; serving it because --version asks for it");
        }
      } else {
        model = registry.latestApproved().orElseThrow(() -> new CommandFailedException(
            "no Approved model version in " + stateDir.registryDb()
                + ": run `rookery run`, or approve one with `rookery registry approve N`, or pass --version N"));
      }
    }
    int percent = capturePercent != null ? capturePercent : settingsOptions.load().capturePercent();
    try (LocalEndpoint endpoint = LocalEndpoint.start(stateDir, model, port, percent)) {
      out().printf(Locale.ROOT, "serving model version %d (%s, test accuracy %.4f) on %s/invocations, capturing %d%% to %s%n",
          model.version(), model.status(), model.testAccuracy(), endpoint.info().url(), percent,
          stateDir.capture().resolve(LocalEndpoint.ENDPOINT_NAME).resolve(LocalEndpoint.VARIANT_NAME));
      out().println("serving until Ctrl-C");
      out().flush();
      endpoint.serveUntilStopped();
    }
    out().println("endpoint stopped");
    return ExitCodes.OK;
  }
}
