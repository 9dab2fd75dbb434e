package dev.rookery.testutils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.ml.dataset.Values;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes SageMaker data capture files ({@code <root>/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl}),
 * one request per record, in the record shape of the AWS documentation.
 */
public final class CaptureFixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The three capture encodings of a request body. */
  public enum Encoding { CSV, JSON, BASE64 }

  private CaptureFixtures() {}

  /** The CSV body of a record: raw values joined by commas (no value here holds a comma). */
  public static String csv(String[] values) {
    return String.join(",", values);
  }

  /**
   * The JSON body of a record: an object keyed by feature name; numbers as JSON numbers, missing
   * markers as null, other values as strings.
   */
  public static String json(List<String> names, String[] values, Map<String, String> extra) {
    ObjectNode node = MAPPER.createObjectNode();
    for (int i = 0; i < names.size(); i++) {
      String v = values[i];
      if (Values.isMissing(v)) {
        node.putNull(names.get(i));
      } else if (!Double.isNaN(Values.parseNumber(v))) {
        node.putRawValue(names.get(i), new com.fasterxml.jackson.databind.util.RawValue(v.strip()));
      } else {
        node.put(names.get(i), v);
      }
    }
    extra.forEach(node::put);
    return node.toString();
  }

  /** One capture line. */
  public static String line(Encoding encoding, String csvBody, String jsonBody, String label, Instant time, int id) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode capture = root.putObject("captureData");
    ObjectNode in = capture.putObject("endpointInput");
    switch (encoding) {
      case CSV -> in.put("observedContentType", "text/csv").put("mode", "INPUT").put("data", csvBody).put("encoding", "CSV");
      case JSON -> in.put("observedContentType", "application/json").put("mode", "INPUT").put("data", jsonBody)
          .put("encoding", "JSON");
      case BASE64 -> in.put("observedContentType", "text/csv").put("mode", "INPUT")
          .put("data", Base64.getEncoder().encodeToString(csvBody.getBytes(StandardCharsets.UTF_8)))
          .put("encoding", "BASE64");
      default -> throw new IllegalArgumentException(String.valueOf(encoding));
    }
    capture.putObject("endpointOutput").put("observedContentType", "text/csv; charset=utf-8").put("mode", "OUTPUT")
        .put("data", label).put("encoding", "CSV");
    root.putObject("eventMetadata").put("eventId", String.format("00000000-0000-0000-0000-%012d", id))
        .put("inferenceTime", time.toString());
    root.put("eventVersion", "0");
    return root.toString();
  }

  /** Writes lines into the hourly folder of {@code time} under {@code root}, returning the file. */
  public static Path write(Path root, Instant time, String fileName, List<String> lines) {
    String hour = time.toString(); // 2024-05-01T10:15:00Z
    Path dir = root.resolve("penguins-endpoint/AllTraffic")
        .resolve(hour.substring(0, 4)).resolve(hour.substring(5, 7)).resolve(hour.substring(8, 10))
        .resolve(hour.substring(11, 13));
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(fileName);
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (String l : lines) {
          w.write(l);
          w.write('\n');
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
