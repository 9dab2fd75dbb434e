package dev.rookery.local;

import dev.rookery.runs.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rookery runs list | show RUN | compare RUN RUN...}: the runs indexed in the registry. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "The pipeline runs (run.json in each run folder, indexed in registry.db): list, show, compare.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Compare.class})
public final class RunsCommand {

  /** {@code runs list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
  static final class ListRuns extends BaseCommand {
    @Option(names = "--status", paramLabel = "STATUS", converter = StatusConverter.class,
        description = "Only runs of this status: Approved, PendingManualApproval, Rejected (the model version's, now),"
            + " BELOW_THRESHOLD, NOT_BETTER_THAN_APPROVED (rejected by the gate).")
    String status;

    @Option(names = "--since", paramLabel = "DURATION", converter = MonitorCommand.DurationConverter.class,
        description = "Only runs started within this long ago: 90s, 30m, 1h, 2d, PT1H.")
    Duration since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", converter = LimitConverter.class,
        description = "At most N runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected int execute() {
      try (Registry registry = Registry.open(state.stateDir().registryDb())) {
        List<Registry.IndexedRun> runs = registry.runs(new Registry.RunFilter(Optional.ofNullable(status),
            Optional.ofNullable(since).map(Instant.now()::minus), limit));
        if (runs.isEmpty()) {
          out().println("no run matches: `rookery run` records one");
          return ExitCodes.OK;
        }
        out().printf(Locale.ROOT, "%-24s %-20s %-24s %-9s %-8s %-18s %s%n",
            "RUN", "STARTED", "STATUS", "TEST ACC", "VERSION", "TUNING", "DATASET SHA256");
        for (Registry.IndexedRun run : runs) {
          RunRecord r = run.record();
          out().printf(Locale.ROOT, "%-24s %-20s %-24s %-9.4f %-8s %-18s %s%n",
              r.runId(), r.startedAt().toString().substring(0, 19), run.status(), r.testAccuracy(),
              r.model().map(m -> Integer.toString(m.version())).orElse("-"),
              r.tuning().strategy() + " x" + r.tuning().trials().size(), r.dataset().sha256().substring(0, 12));
        }
        return ExitCodes.OK;
      }
    }
  }

  /** {@code runs show RUN}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one run: data, settings, trials, test metrics, gate, model version.")
  static final class Show extends BaseCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, or a prefix of only one.")
    String runId;

    @Override
    protected int execute() {
      try (Registry registry = Registry.open(state.stateDir().registryDb())) {
        Registry.IndexedRun run = registry.run(runId);
        RunRecord r = run.record();
        row("run", r.runId());
        row("status", run.status());
        row("started", r.startedAt() + ", ended " + r.endedAt()
            + String.format(Locale.ROOT, " (%.1f s)", Duration.between(r.startedAt(), r.endedAt()).toMillis() / 1000.0));
        row("dataset", r.dataset().uri() + " (target " + r.dataset().target() + ")");
        row("dataset sha256", r.dataset().sha256());
        row("rows", "train " + r.rows().train() + ", validation " + r.rows().validation() + ", test "
            + r.rows().test() + ", dropped " + r.rows().dropped());
        out().printf(Locale.ROOT, "trials (%d, %s, objective %s):%n", r.tuning().trials().size(),
            r.tuning().strategy(), r.tuning().objective());
        for (RunRecord.Trial t : r.tuning().trials()) {
          out().printf(Locale.ROOT, "  %s %-4s %s  %s%n", t.id().equals(r.tuning().chosen()) ? "*" : " ", t.id(),
              t.validationAccuracy().map(v -> String.format(Locale.ROOT, "%.4f", v)).orElse("  -   "),
              new TreeMap<>(t.hyperparameters()));
        }
        r.testMetrics().forEach((k, v) -> row("test " + k, String.format(Locale.ROOT, "%.4f", v)));
        row("gate", r.gate().map(g -> g.verdict() + String.format(Locale.ROOT, ": accuracy %.4f, threshold %s",
            g.accuracy(), RunComparison.show(g.threshold()))
            + g.approvedAccuracy().map(a -> String.format(Locale.ROOT, ", approved version %s's %.4f",
                g.approvedVersion().map(String::valueOf).orElse("?"), a)).orElse("")).orElse("not run"));
        row("model version", r.model().map(m -> m.version() + " (" + m.status() + " when registered)")
            .orElse("none (not registered)"));
        row("run record", run.file().toString());
        return ExitCodes.OK;
      }
    }

    private void row(String label, String value) {
      out().printf(Locale.ROOT, "%-25s %s%n", label + ":", value);
    }
  }

  /** {@code runs compare RUN RUN...}. */
  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Settings and metrics of two or more runs side by side; differences marked (*), the winner by test accuracy named.")
  static final class Compare extends BaseCommand {
    @Parameters(index = "0..*", arity = "2..*", paramLabel = "RUN", description = "Two or more run ids (or unique prefixes).")
    List<String> runIds;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the comparison as a self-contained HTML page.")
    Path html;

    @Option(names = "--json", description = "Print JSON (runs, rows, differences, winner) instead of the table.")
    boolean json;

    @Override
    protected int execute() {
      RunComparison comparison;
      try (Registry registry = Registry.open(state.stateDir().registryDb())) {
        comparison = RunComparison.of(runIds.stream().map(registry::run).toList());
      }
      if (html != null) {
        ComparePage.write(comparison, html);
      }
      out().print(json ? comparison.json() : comparison.text());
      if (html != null && !json) {
        out().println("page: " + html.toAbsolutePath());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code --status}: one of {@link Registry#RUN_STATUSES}; anything else is a usage error. */
  static final class StatusConverter extends UsageConverter<String> {
    StatusConverter() {
      super(value -> {
        if (!Registry.RUN_STATUSES.contains(value)) {
          throw new IllegalArgumentException("must be one of " + Registry.RUN_STATUSES + ", found '" + value + "'");
        }
        return value;
      });
    }
  }

  /** {@code --limit}: a whole number of at least 1. */
  static final class LimitConverter extends UsageConverter<Integer> {
    LimitConverter() {
      super(value -> {
        int n;
        try {
          n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be a whole number, found '" + value + "'", e);
        }
        if (n < 1) {
          throw new IllegalArgumentException("must be at least 1, found " + n);
        }
        return n;
      });
    }
  }
}
