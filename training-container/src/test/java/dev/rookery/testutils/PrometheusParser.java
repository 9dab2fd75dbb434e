package dev.rookery.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parses Prometheus text exposition with the Prometheus project's reference Python parser
 * ({@code prometheus_client.parser.text_string_to_metric_families}, Debian's
 * {@code python3-prometheus-client}, which {@code .ci/run} installs), run by Debian's
 * {@code /usr/bin/python3}. Missing parser: the test is skipped outside CI and fails under
 * {@code CI=true} ({@link MachineRequirement}).
 */
public final class PrometheusParser {
  /** Debian's interpreter: the apt package installs into its dist-packages, not pyenv's. */
  static final String PYTHON = "/usr/bin/python3";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PrometheusParser() {}

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** One metric family: its name (without {@code _total} for counters, as the parser reports it), type and samples. */
  public record Family(String name, String type, List<Sample> samples) {
    /** The samples named {@code sampleName} whose labels include {@code labels}. */
    public List<Sample> samples(String sampleName, Map<String, String> labels) {
      return samples.stream()
          .filter(s -> s.name().equals(sampleName) && s.labels().entrySet().containsAll(labels.entrySet()))
          .toList();
    }
  }

  /**
   * Parses the text; a syntax error fails the test with the parser's message.
   *
   * @return the families by name
   */
  public static Map<String, Family> parse(String exposition) throws IOException, InterruptedException {
    MachineRequirement.require(hasParser(),
        "the Prometheus exposition parser: apt-get install python3-prometheus-client (see README prerequisites)");
    Process p = new ProcessBuilder(PYTHON, "-c", script()).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("the Prometheus parser rejected the text: " + err + "\n--- text:\n" + exposition);
    }
    Map<String, Family> families = new LinkedHashMap<>();
    for (JsonNode f : MAPPER.readTree(out)) {
      List<Sample> samples = new ArrayList<>();
      for (JsonNode s : f.get("samples")) {
        Map<String, String> labels = new LinkedHashMap<>();
        s.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        JsonNode v = s.get("value");
        double value = v.isNumber() ? v.asDouble()
            : v.asText().equals("+Inf") ? Double.POSITIVE_INFINITY
            : v.asText().equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.NaN;
        samples.add(new Sample(s.get("name").asText(), labels, value));
      }
      families.put(f.get("name").asText(), new Family(f.get("name").asText(), f.get("type").asText(), samples));
    }
    return families;
  }

  static boolean hasParser() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import prometheus_client.parser")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String script() throws IOException {
    try (InputStream in = PrometheusParser.class.getResourceAsStream("/prometheus/parse.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
