package dev.rookery.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rookery traffic}: sends sampled (optionally drifted) records to an endpoint. */
@Command(
    name = "traffic",
    mixinStandardHelpOptions = true,
    description = {
      "Send records sampled from the dataset to an endpoint's /invocations (text/csv), optionally shifted to"
          + " simulate drift, and print counts and latency percentiles.",
      "Default endpoint: the one `rookery run` or `rookery serve` is serving from this state folder."
    })
public final class TrafficCommand extends BaseCommand {
  @Option(names = "--count", paramLabel = "N", defaultValue = "100", description = "Requests to send (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--url", paramLabel = "URL", description = "Endpoint base URL (default: the local endpoint, else http://127.0.0.1:8080).")
  String url;

  @Option(
      names = "--drift",
      paramLabel = "FEATURE=+DELTA",
      converter = DriftShiftConverter.class,
      description = "Add DELTA to a numeric feature of every record, e.g. body_mass_g=+1500 (repeatable).")
  List<DriftShift> drifts = new ArrayList<>();

  @Option(names = "--data", paramLabel = "FILE.csv", description = "Dataset to sample from (default: the served model's dataset, else the embedded penguins).")
  Path data;

  @Option(names = "--target", paramLabel = "COLUMN", description = "Target column to leave out (default: the served model's target).")
  String target;

  // Rows with missing values are real traffic: the monitor's completeness_check takes Deequ's
  // lower bound as Model Monitor does, so an undrifted sample of 200 records stays above it (about
  // 2 % of such samples of the penguins dip below; see local/README.md).
  @Option(names = "--skip-missing", description = "Send only rows without missing values, as ml.school's traffic flow does (default: every row).")
  boolean skipMissing;

  @Option(names = "--seed", defaultValue = "42", description = "Sampling seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--labels", description = "Also write the true label of every answered request as ground truth"
      + " (Model Monitor's format, keyed by the inference id sent) under the state folder's"
      + " ground-truth/<endpoint>/yyyy/MM/dd/HH/, for `rookery monitor --quality`.")
  boolean labels;

  @Option(
      names = "--label-shift",
      paramLabel = "CLASS=OTHER[:FRACTION]",
      converter = LabelShiftConverter.class,
      description = "With --labels: write OTHER instead of CLASS as the true label of FRACTION (default 1) of CLASS's"
          + " records, e.g. Adelie=Chinstrap:0.5 (concept drift: same inputs, other right answers; repeatable).")
  List<LabelShift> labelShifts = new ArrayList<>();

  @Override
  protected int execute() {
    StateDir stateDir = state.stateDir();
    Optional<EndpointInfo> endpoint = EndpointInfo.read(stateDir.endpointFile());
    Optional<ModelVersion> model = servedModel(stateDir, endpoint);
    String baseUrl = url != null ? url : endpoint.map(EndpointInfo::url).orElse("http://127.0.0.1:8080");
    Path dataset = data != null ? data
        : model.map(m -> Path.of(m.registration().data().path())).filter(java.nio.file.Files::isRegularFile)
            .orElseGet(() -> EmbeddedDataset.penguins(stateDir));
    String targetColumn = target != null ? target
        : model.map(m -> m.registration().data().target()).orElse(EmbeddedDataset.TARGET);

    TrafficGenerator generator;
    try {
      generator = new TrafficGenerator(baseUrl);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException(e.getMessage(), ExitCodes.USAGE, e);
    }
    DatasetRecords all = DatasetRecords.read(dataset, targetColumn);
    DatasetRecords records = skipMissing ? all.complete() : all;
    out().printf(Locale.ROOT, "sending %d records sampled from %d %srows of %s to %s%s%n", count, records.rows().size(),
        skipMissing ? "complete " : "", dataset, generator.invocations(), drifts.isEmpty() ? "" : " with drift " + drifts);
    Progress.Step step = new Progress(out(), System.console() != null, 1).start("traffic", count + " requests");
    int every = Math.max(1, count / 10);
    if (!labelShifts.isEmpty() && !labels) {
      throw new CommandFailedException("--label-shift changes the labels --labels writes: add --labels", ExitCodes.USAGE, null);
    }
    java.util.Set<String> classes = new java.util.TreeSet<>(records.labels());
    for (LabelShift shift : labelShifts) {
      if (!classes.contains(shift.from()) || !classes.contains(shift.to())) {
        throw new CommandFailedException("--label-shift " + shift + " names a class the dataset's " + targetColumn
            + " column does not hold (classes: " + classes + ")", ExitCodes.USAGE, null);
      }
    }
    List<String> groundTruth = new ArrayList<>();
    java.util.Random shiftRandom = new java.util.Random(seed + 1);
    TrafficReport report = generator.send(records, count, drifts, seed, n -> {
      if (n % every == 0 || n == count) {
        step.progress(n, count, "");
      }
    }, (inferenceId, label) -> {
      if (labels) {
        String written = label;
        for (LabelShift shift : labelShifts) {
          written = shift.apply(written, shiftRandom);
        }
        groundTruth.add(dev.rookery.monitor.GroundTruth.line(inferenceId, written));
      }
    });
    step.done(report.succeeded() + " ok, " + report.failed() + " failed");
    if (labels) {
      String endpointName = endpoint.map(EndpointInfo::endpointName).orElse(LocalEndpoint.ENDPOINT_NAME);
      java.nio.file.Path file = GroundTruthFolder.write(stateDir, endpointName, java.time.Instant.now(),
          "traffic-" + LocalPipeline.newRunId(), groundTruth);
      out().printf(Locale.ROOT, "labels:   %d written to %s%s%n", groundTruth.size(), file,
          labelShifts.isEmpty() ? "" : " with label shift " + labelShifts);
    }
    out().printf(Locale.ROOT, "requests: %d sent, %d ok, %d failed  (by status: %s)%n",
        report.sent(), report.succeeded(), report.failed(), statusText(report.statusCounts()));
    out().printf(Locale.ROOT, "latency:  p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %.1f requests/s%n",
        ms(report.latency().p50()), ms(report.latency().p90()), ms(report.latency().p99()), ms(report.latency().max()),
        report.sent() / Math.max(1e-9, report.elapsed().toNanos() / 1e9));
    for (String error : report.sampleErrors()) {
      err().println("failed request: " + error);
    }
    if (report.failed() > 0) {
      throw new CommandFailedException(report.failed() + " of " + report.sent()
          + " requests failed (first answers above): check the endpoint's log and the --data/--target columns");
    }
    return ExitCodes.OK;
  }

  private static Optional<ModelVersion> servedModel(StateDir stateDir, Optional<EndpointInfo> endpoint) {
    if (!java.nio.file.Files.exists(stateDir.registryDb())) {
      return Optional.empty();
    }
    try (Registry registry = Registry.open(stateDir.registryDb())) {
      if (endpoint.isPresent()) {
        return registry.find(endpoint.get().version());
      }
      return registry.latestApproved();
    }
  }

  private static String statusText(Map<Integer, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((status, n) -> sb.append(sb.length() == 0 ? "" : ", ")
        .append(status == 0 ? "no answer" : status.toString()).append(": ").append(n));
    return sb.toString();
  }

  private static double ms(java.time.Duration d) {
    return d.toNanos() / 1e6;
  }

  /** Parses {@code --label-shift} values so that a bad one is a usage error (exit 2). */
  static final class LabelShiftConverter extends UsageConverter<LabelShift> {
    LabelShiftConverter() {
      super(LabelShift::parse);
    }
  }

  /** Parses {@code --drift} values so that a bad one is a usage error (exit 2). */
  static final class DriftShiftConverter extends UsageConverter<DriftShift> {
    DriftShiftConverter() {
      super(DriftShift::parse);
    }
  }
}
