package dev.rookery.statemachine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Amazon States Language definition as written in the repository, {@code ${Placeholder}}
 * tokens included (they only ever appear inside JSON strings, so the raw file parses).
 *
 * @param name the file name, for messages
 * @param text the raw text
 * @param root the parsed document
 */
public record AslDefinition(String name, String text, JsonNode root) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  /** Validates that the document has the top-level fields every definition needs. */
  public AslDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(root, "root");
    if (!root.path("States").isObject() || !root.path("StartAt").isTextual()) {
      throw new InvalidDefinitionException(name + ": needs an object 'States' and a string 'StartAt'", null);
    }
  }

  /**
   * Reads and parses a definition file.
   *
   * @param file the {@code .asl.json} file
   * @return the definition
   * @throws InvalidDefinitionException if the file cannot be read or is not JSON
   */
  public static AslDefinition read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidDefinitionException("cannot read state machine definition " + file, e);
    }
    try {
      return new AslDefinition(file.getFileName().toString(), text, JSON.readTree(text));
    } catch (JsonProcessingException e) {
      throw new InvalidDefinitionException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The definition with every {@code ${Name}} replaced by its value, as the CDK app's
   * {@code definitionSubstitutions} do.
   *
   * @param values a value for each placeholder
   * @return the substituted definition
   * @throws InvalidDefinitionException if a placeholder has no value
   */
  public AslDefinition substitute(Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new InvalidDefinitionException(name + ": no value for placeholder ${" + matcher.group(1) + "}", null);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    try {
      return new AslDefinition(name, out.toString(), JSON.readTree(out.toString()));
    } catch (JsonProcessingException e) {
      throw new InvalidDefinitionException(name + " is not valid JSON once substituted: " + e.getOriginalMessage(), e);
    }
  }

  /** The top-level states by name, in file order. */
  public Map<String, JsonNode> states() {
    Map<String, JsonNode> states = new LinkedHashMap<>();
    root.get("States").fields().forEachRemaining(e -> states.put(e.getKey(), e.getValue()));
    return states;
  }

  /** Every {@code ${...}} token in the file, sorted. */
  public Set<String> placeholders() {
    Set<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * Transitions that lead nowhere: {@code StartAt}, {@code Next}, {@code Default}, Choice rules'
   * and Catchers' {@code Next} naming a state that does not exist.
   *
   * @return one message per dangling target, naming the state and the target
   */
  public List<String> danglingTransitions() {
    Map<String, JsonNode> states = states();
    List<String> problems = new ArrayList<>();
    String start = root.get("StartAt").asText();
    if (!states.containsKey(start)) {
      problems.add(name + ": StartAt -> '" + start + "' does not exist");
    }
    states.forEach((stateName, state) -> {
      List<String> targets = new ArrayList<>();
      addText(targets, state.get("Next"));
      addText(targets, state.get("Default"));
      state.path("Choices").forEach(rule -> addText(targets, rule.get("Next")));
      state.path("Catch").forEach(catcher -> addText(targets, catcher.get("Next")));
      for (String target : targets) {
        if (!states.containsKey(target)) {
          problems.add(name + ": state '" + stateName + "' -> '" + target + "' does not exist");
        }
      }
    });
    return problems;
  }

  /**
   * Every Task state, those inside Parallel branches and Map iterators included, by name in file
   * order: the CDK app derives each state machine's IAM from their {@code Resource}.
   *
   * @return the Task states by name
   */
  public Map<String, JsonNode> allTasks() {
    Map<String, JsonNode> tasks = new LinkedHashMap<>();
    collectTasks(root.get("States"), tasks);
    return tasks;
  }

  /** @return the {@code Resource} of every Task state ({@link #allTasks()}), in file order */
  public List<String> taskResources() {
    return allTasks().values().stream().map(task -> task.path("Resource").asText()).toList();
  }

  private static void collectTasks(JsonNode states, Map<String, JsonNode> into) {
    states.fields().forEachRemaining(e -> {
      JsonNode state = e.getValue();
      if ("Task".equals(state.path("Type").asText()) && state.path("Resource").isTextual()) {
        into.put(e.getKey(), state);
      }
      state.path("Branches").forEach(branch -> collectTasks(branch.path("States"), into));
      for (String nested : List.of("Iterator", "ItemProcessor")) {
        if (state.path(nested).path("States").isObject()) {
          collectTasks(state.get(nested).get("States"), into);
        }
      }
    });
  }

  /** The Task states whose resource is a SageMaker API (optimized or AWS SDK integration). */
  public Map<String, JsonNode> sageMakerTasks() {
    Map<String, JsonNode> tasks = new LinkedHashMap<>();
    states().forEach((stateName, state) -> {
      if ("Task".equals(state.path("Type").asText())
          && SdkRequestShapeValidator.sageMakerAction(state.path("Resource").asText()).isPresent()) {
        tasks.put(stateName, state);
      }
    });
    return tasks;
  }

  private static void addText(List<String> into, JsonNode node) {
    if (node != null && node.isTextual()) {
      into.add(node.asText());
    }
  }
}
