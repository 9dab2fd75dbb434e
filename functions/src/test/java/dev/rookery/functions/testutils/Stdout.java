package dev.rookery.functions.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the handlers print while it is open: Powertools' JSON log lines and EMF documents (both go to
 * stdout, as on Lambda). Every line must be one JSON object.
 */
public final class Stdout implements AutoCloseable {
  private final PrintStream original = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  /** Starts capturing. */
  public Stdout() {
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  /** @return every line so far, each parsed as JSON (fails on a line that is not a JSON object) */
  public List<JsonNode> lines() {
    System.out.flush();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = Fixtures.tree(line);
      assertThat(node.isObject()).as("stdout line %s", line).isTrue();
      lines.add(node);
    }
    return lines;
  }

  /** @return the EMF documents (objects with {@code _aws.CloudWatchMetrics}) */
  public List<JsonNode> emf() {
    return lines().stream().filter(l -> l.path("_aws").has("CloudWatchMetrics")).toList();
  }

  /** @return the log lines (objects with a {@code level}) */
  public List<JsonNode> logs() {
    return lines().stream().filter(l -> l.has("level")).toList();
  }

  @Override
  public void close() {
    System.setOut(original);
  }
}
