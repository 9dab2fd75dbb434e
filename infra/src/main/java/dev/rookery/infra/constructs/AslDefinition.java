package dev.rookery.infra.constructs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon States Language file with {@code ${Name}} placeholders, as read by the CDK app: its
 * text (kept inline in the template, so tests and reviewers see the states), the placeholders it
 * uses and the {@code Resource} of every Task state (from which the state machine's IAM is
 * derived).
 *
 * @param file where it was read from
 * @param text the definition, placeholders unreplaced
 */
public record AslDefinition(Path file, String text) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)\\}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checks that the text is a JSON object with {@code StartAt} and {@code States}. */
  public AslDefinition {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("state machine definition " + file
          + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.has("StartAt") || !root.path("States").isObject()) {
      throw new IllegalArgumentException("state machine definition " + file
          + " must be an object with StartAt and States");
    }
  }

  /**
   * @param file an ASL file
   * @return its definition
   * @throws UncheckedIOException if it cannot be read (the message names the file)
   */
  public static AslDefinition read(Path file) {
    try {
      return new AslDefinition(file, Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read state machine definition " + file
          + " (is the statemachine module in this checkout?)", e);
    }
  }

  /** @return the placeholder names used, sorted */
  public Set<String> placeholders() {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The definition as Step Functions will see it (for tests; the stack hands the substitutions to
   * CloudFormation, which replaces them at deploy time).
   *
   * @param values a value for every placeholder
   * @return the substituted text
   * @throws IllegalArgumentException naming every placeholder without a value
   */
  public String substitute(Map<String, String> values) {
    Set<String> missing = new TreeSet<>(placeholders());
    missing.removeAll(values.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "no value for placeholders " + missing + " of " + file);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** @return the {@code Resource} of every Task state, nested branches included, in order */
  public List<String> taskResources() {
    List<String> resources = new ArrayList<>();
    try {
      collect(JSON.readTree(text), resources);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return resources;
  }

  private static void collect(JsonNode node, List<String> resources) {
    if (node.isObject()) {
      if ("Task".equals(node.path("Type").asText()) && node.path("Resource").isTextual()) {
        resources.add(node.get("Resource").asText());
      }
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), resources);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, resources));
    }
  }
}
