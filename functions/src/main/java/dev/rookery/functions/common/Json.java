package dev.rookery.functions.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON for events and results, on Jackson's streaming core only: values are plain Java ({@code Map}
 * in field order, {@code List}, {@code String}, {@code Long}/{@code BigInteger}/{@code BigDecimal},
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
    try (JsonParser parser = FACTORY.createParser(json)) {
      return readDocument(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses JSON bytes.
   *
   * @param json the bytes
   * @return the value
   * @throws JsonProcessingException if they are not one JSON value
   */
  public static Object parse(byte[] json) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(json)) {
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
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    Object value = readValue(parser, token);
    if (parser.nextToken() != null) {
      throw new com.fasterxml.jackson.core.JsonParseException(parser, "trailing content after the JSON value");
    }
    return value;
  }

  private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          object.put(name, readValue(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY: {
        List<Object> array = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(readValue(parser, t));
        }
        return array;
      }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        // BigDecimal keeps the text: settings such as 0.70 travel on as written.
        return parser.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected token " + token);
    }
  }

  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object item : list) {
        writeValue(generator, item);
      }
      generator.writeEndArray();
    } else if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else if (value instanceof BigDecimal decimal) {
      generator.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      generator.writeNumber(integer);
    } else if (value instanceof Long || value instanceof Integer) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number number) {
      generator.writeNumber(number.doubleValue());
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }
}
