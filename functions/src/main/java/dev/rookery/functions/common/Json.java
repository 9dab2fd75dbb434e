package dev.rookery.functions.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.settings.PlainJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON for events and results, on Jackson's streaming core only ({@link PlainJson}, shared with the
 * settings model): values are plain Java ({@code Map} in field order, {@code List}, {@code String}, {@code Long}/{@code BigInteger}/{@code BigDecimal},
 * {@code Boolean}, and {@code null}). Jackson databind is left out on purpose: its first
 * {@code ObjectMapper} costs ~130 ms of a Lambda cold start here, for nothing these handlers need.
 *
 * <p>Every required field is read through {@link #text}, {@link #object} or {@link #number}, so a
 * wrong shape always ends in an {@link InvalidEventException} naming the field's path.
 */
public final class Json {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
      .build();

  private Json() {}

  /**
   * Reads a whole event.
   *
   * @param in the Lambda input stream
   * @return the root object
   * @throws InvalidEventException if the input is not a JSON object
   */
  public static Map<String, Object> read(InputStream in) {
    Object root;
    try (JsonParser parser = FACTORY.createParser(in)) {
      root = readDocument(parser);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("$", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the event", e);
    }
    return asObject(root, "$");
  }

  /**
   * Parses JSON text.
   *
   * @param json the text
   * @return the value
   * @throws JsonProcessingException if it is not one JSON value
   */
  public static Object parse(String json) throws JsonProcessingException {
    return parse(() -> FACTORY.createParser(json));
  }

  /**
   * Parses JSON bytes.
   *
   * @param json the bytes
   * @return the value
   * @throws JsonProcessingException if they are not one JSON value
   */
  public static Object parse(byte[] json) throws JsonProcessingException {
    return parse(() -> FACTORY.createParser(json));
  }

  /** Opens a parser over one input (text or bytes). */
  private interface ParserSource {
    JsonParser open() throws IOException;
  }

  /** One reading of a whole document, whatever the input: malformed JSON is the caller's error. */
  private static Object parse(ParserSource source) throws JsonProcessingException {
    try (JsonParser parser = source.open()) {
      return readDocument(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the value as compact JSON text */
  public static String toJson(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      writeValue(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes a result to the Lambda output stream. */
  public static void write(OutputStream out, Map<String, ?> result) {
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      writeValue(generator, result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param parent the object holding the field
   * @param name field name
   * @param path the field's full path, for the message
   * @return the non-blank string value
   * @throws InvalidEventException if absent, not a string, or blank
   */
  public static String text(Map<String, Object> parent, String name, String path) {
    Object node = required(parent, name, path);
    if (!(node instanceof String text)) {
      throw new InvalidEventException(path, "must be a string, found " + describe(node));
    }
    if (text.isBlank()) {
      throw new InvalidEventException(path, "must not be blank");
    }
    return text;
  }

  /**
   * @return the string value, or {@code null} if the field is absent or null
   * @throws InvalidEventException if present but not a string
   */
  public static String optionalText(Map<String, Object> parent, String name, String path) {
    Object node = parent.get(name);
    if (node == null) {
      return null;
    }
    if (!(node instanceof String text)) {
      throw new InvalidEventException(path, "must be a string, found " + describe(node));
    }
    return text;
  }

  /**
   * @return the object value
   * @throws InvalidEventException if absent or not an object
   */
  public static Map<String, Object> object(Map<String, Object> parent, String name, String path) {
    Object node = required(parent, name, path);
    return asObject(node, path);
  }

  /**
   * @return the numeric value
   * @throws InvalidEventException if absent or not a number
   */
  public static double number(Map<String, Object> parent, String name, String path) {
    Object node = required(parent, name, path);
    if (!(node instanceof Number number)) {
      throw new InvalidEventException(path, "must be a number, found " + describe(node));
    }
    return number.doubleValue();
  }

  /** The field's value; a missing or null field is an {@link InvalidEventException} naming its path. */
  private static Object required(Map<String, Object> parent, String name, String path) {
    Object node = parent.get(name);
    if (node == null) {
      throw new InvalidEventException(path, "is missing");
    }
    return node;
  }

  /**
   * @return the value as an object
   * @throws InvalidEventException if it is not one
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asObject(Object node, String path) {
    if (!(node instanceof Map)) {
      throw new InvalidEventException(path, "must be an object, found " + describe(node));
    }
    return (Map<String, Object>) node;
  }

  /** Short description of a value for messages: its JSON type and (truncated) text. */
  public static String describe(Object node) {
    String type = node == null ? "null" : node instanceof Map ? "object" : node instanceof List ? "array"
        : node instanceof String ? "string" : node instanceof Number ? "number"
        : node instanceof Boolean ? "boolean" : node.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    String text = toJson(node);
    if (text.length() > 80) {
      text = text.substring(0, 77) + "...";
    }
    return type + " " + text;
  }

  private static Object readDocument(JsonParser parser) throws IOException {
    return PlainJson.readDocument(parser);
  }

  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    PlainJson.writeValue(generator, value);
  }
}
