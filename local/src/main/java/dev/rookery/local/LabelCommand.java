package dev.rookery.local;

import dev.rookery.ml.schema.SchemaJson;
import dev.rookery.monitor.GroundTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rookery label}: checks ground-truth files against the served model's classes and stores
 * the good records where {@code rookery monitor --quality} reads them.
 */
@Command(
    name = "label",
    description = {
      "Store ground-truth labels for `rookery monitor --quality`: JSON Lines in Model Monitor's format, one record a line,"
          + " {\"groundTruthData\": {\"data\": \"<label>\", \"encoding\": \"CSV\"}, \"eventMetadata\": {\"eventId\":"
          + " \"<inference id>\"}, \"eventVersion\": \"0\"}.",
      "Every line is checked (UTF-8, one JSON object, an eventId, a label that is one of the model's classes); the good"
          + " ones are stored under ground-truth/<endpoint>/yyyy/MM/dd/HH/, each bad one is named by file and line.",
      "Exit code 1 when a line was refused (the good ones are stored all the same)."
    })
public final class LabelCommand extends BaseCommand {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(paramLabel = "FILE|DIR", description = "A ground-truth .jsonl file, or a folder of them (read recursively).")
  Path source;

  @Option(names = "--version", paramLabel = "N", description = "Model version whose classes the labels must be (default: the one being served, else the latest Approved).")
  Integer version;

  @Override
  protected int execute() {
    if (!Files.exists(source)) {
      throw new CommandFailedException(source + " does not exist: pass a ground-truth .jsonl file or a folder of them",
          ExitCodes.USAGE, null);
    }
    StateDir stateDir = state.stateDir();
    Optional<EndpointInfo> endpoint = EndpointInfo.read(stateDir.endpointFile());
    ModelVersion model = MonitorCommand.monitoredModel(stateDir, endpoint, version);
    List<String> classes = SchemaJson.read(model.layout().model().resolve(SchemaJson.FILE_NAME)).classes();
    List<String> good = new ArrayList<>();
    GroundTruth.ReadResult result;
    try {
      result = GroundTruth.read(source, new HashSet<>(classes), (id, label) -> good.add(GroundTruth.line(id, label)));
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + source + ": " + e, e);
    }
    if (result.files() == 0) {
      throw new CommandFailedException("no .jsonl file under " + source);
    }
    String endpointName = endpoint.map(EndpointInfo::endpointName).orElse(LocalEndpoint.ENDPOINT_NAME);
    if (!good.isEmpty()) {
      Path file = GroundTruthFolder.write(stateDir, endpointName, Instant.now(), "label-" + LocalPipeline.newRunId(), good);
      out().println(good.size() + " labels stored in " + file);
    } else {
      out().println("no label stored");
    }
    if (result.bad() == 0) {
      return ExitCodes.OK;
    }
    err().println(result.bad() + " line(s) refused (" + result.malformed() + " malformed, " + result.unknownClass()
        + " not one of model version " + model.version() + "'s classes " + classes + "):");
    result.messages().forEach(m -> err().println("  " + m));
    if (result.bad() > result.messages().size()) {
      err().println("  ... and " + (result.bad() - result.messages().size()) + " more");
    }
    return ExitCodes.FAILURE;
  }
}
