package dev.rookery.functions.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * JSON access for events: every required field is read through {@link #text} or {@link #object}, so
 * a wrong shape always ends in an {@link InvalidEventException} naming the field's path.
 */
public final class Json {
  /** The one mapper: tree model only, no bean binding (faster start, no reflection). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Reads a whole event.
   *
   * @param in the Lambda input stream
   * @return the root node, which must be a JSON object
   * @throws InvalidEventException if the input is not a JSON object
   */
  public static JsonNode read(InputStream in) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("$", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the event", e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidEventException("$", "must be a JSON object, found " + describe(root));
    }
    return root;
  }

  /**
   * Parses a JSON string.
   *
   * @param json the text
   * @param what the field or variable it came from, for the message
   * @return the parsed node
   * @throws InvalidEventException if the text is not JSON
   */
  public static JsonNode parse(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(what, "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Writes a result object to the Lambda output stream. */
  public static void write(OutputStream out, ObjectNode result) {
    try {
      MAPPER.writeValue(out, result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return a new empty object node */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * @param parent the object holding the field
   * @param name field name
   * @param path the field's full path, for the message
   * @return the non-blank string value
   * @throws InvalidEventException if absent, not a string, or blank
   */
  public static String text(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw new InvalidEventException(path, "is missing");
    }
    if (!node.isTextual()) {
      throw new InvalidEventException(path, "must be a string, found " + describe(node));
    }
    if (node.asText().isBlank()) {
      throw new InvalidEventException(path, "must not be blank");
    }
    return node.asText();
  }

  /**
   * @return the string value, or {@code null} if the field is absent or null
   * @throws InvalidEventException if present but not a string
   */
  public static String optionalText(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidEventException(path, "must be a string, found " + describe(node));
    }
    return node.asText();
  }

  /**
   * @return the object value
   * @throws InvalidEventException if absent or not an object
   */
  public static JsonNode object(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw new InvalidEventException(path, "is missing");
    }
    if (!node.isObject()) {
      throw new InvalidEventException(path, "must be an object, found " + describe(node));
    }
    return node;
  }

  /**
   * @return the numeric value
   * @throws InvalidEventException if absent or not a number
   */
  public static double number(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw new InvalidEventException(path, "is missing");
    }
    if (!node.isNumber()) {
      throw new InvalidEventException(path, "must be a number, found " + describe(node));
    }
    return node.asDouble();
  }

  /** Short description of a node for messages: its type and (truncated) value. */
  public static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    if (text.length() > 80) {
      text = text.substring(0, 77) + "...";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + text;
  }
}
