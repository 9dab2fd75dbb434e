package dev.rookery.local;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rookery registry list | show N | approve N | reject N}: the local model registry. */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = "The local model registry (registry.db in the state folder).",
    subcommands = {
      RegistryCommand.ListVersions.class,
      RegistryCommand.Show.class,
      RegistryCommand.Approve.class,
      RegistryCommand.Reject.class
    })
public final class RegistryCommand {

  /** {@code registry list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every model version.")
  static final class ListVersions extends BaseCommand {
    @Override
    protected int execute() {
      try (Registry registry = Registry.open(state.stateDir().registryDb())) {
        List<ModelVersion> versions = registry.list();
        if (versions.isEmpty()) {
          out().println("no model version registered yet: `rookery run` registers the first one");
          return ExitCodes.OK;
        }
        out().printf(Locale.ROOT, "%-8s %-22s %-10s %-20s %s%n", "VERSION", "STATUS", "TEST ACC", "CREATED", "RUN");
        for (ModelVersion v : versions) {
          out().printf(Locale.ROOT, "%-8d %-22s %-10.4f %-20s %s%n",
              v.version(), v.status(), v.testAccuracy(), v.createdAt().toString().substring(0, 19),
              v.registration().runId());
        }
        return ExitCodes.OK;
      }
    }
  }

  /** A subcommand about one model version: its {@code N} argument. */
  abstract static class OneVersion extends BaseCommand {
    @Parameters(index = "0", paramLabel = "N", description = "Model version number.")
    int version;
  }

  /** {@code registry approve N} and {@code reject N}: one status change, one confirmation line. */
  abstract static class SetStatus extends OneVersion {
    /** The status this subcommand sets. */
    abstract ApprovalStatus status();

    @Override
    protected int execute() {
      try (Registry registry = Registry.open(state.stateDir().registryDb())) {
        ModelVersion v = registry.setStatus(version, status());
        out().println("model version " + v.version() + " is now " + v.status());
        return ExitCodes.OK;
      }
    }
  }

  /** {@code registry show N}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one model version: metrics, hyperparameters, lineage, artefacts.")
  static final class Show extends OneVersion {
    @Override
    protected int execute() {
      try (Registry registry = Registry.open(state.stateDir().registryDb())) {
        ModelVersion v = registry.get(version);
        ModelVersion.Registration r = v.registration();
        RunLayout run = v.layout();
        out().printf(Locale.ROOT, "version:          %d%n", v.version());
        out().printf(Locale.ROOT, "status:           %s%n", v.status());
        out().printf(Locale.ROOT, "created:          %s%n", v.createdAt());
        out().printf(Locale.ROOT, "target:           %s%n", r.data().target());
        for (Map.Entry<String, Double> e : new TreeMap<>(r.accuracy()).entrySet()) {
          out().printf(Locale.ROOT, "%-18s%.4f%n", e.getKey() + " accuracy:", e.getValue());
        }
        out().printf(Locale.ROOT, "hyperparameters:  %s%n", new TreeMap<>(r.hyperparameters()));
        out().printf(Locale.ROOT, "dataset:          %s%n", r.data().path());
        out().printf(Locale.ROOT, "dataset sha256:   %s%n", r.data().sha256());
        out().printf(Locale.ROOT, "run:              %s%n", r.runId());
        out().printf(Locale.ROOT, "run record:       %s%n", registry.findRun(r.runId())
            .map(indexed -> indexed.file().toString()).orElse("none (registered before run tracking)"));
        out().printf(Locale.ROOT, "model:            %s%n", run.modelArchive());
        out().printf(Locale.ROOT, "evaluation:       %s%n", run.evaluationJson());
        out().printf(Locale.ROOT, "report:           %s%n", run.evaluationHtml());
        out().printf(Locale.ROOT, "baseline:         %s%n", run.baseline());
        return ExitCodes.OK;
      }
    }
  }

  /** {@code registry approve N}. */
  @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a model version (rookery serve then serves it by default, if it is the newest Approved).")
  static final class Approve extends SetStatus {
    @Override
    ApprovalStatus status() {
      return ApprovalStatus.Approved;
    }
  }

  /** {@code registry reject N}. */
  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a model version (never served by default).")
  static final class Reject extends SetStatus {
    @Override
    ApprovalStatus status() {
      return ApprovalStatus.Rejected;
    }
  }
}
