package dev.rookery.settings;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values on Jackson's streaming core: {@code Map} in field order, {@code List},
 * {@code String}, {@code Long} (or {@code BigInteger}), {@code BigDecimal} (keeps the text, e.g.
 * {@code 0.70}), {@code Boolean}, {@code null}. The one such reader and writer of the project: the
 * settings model reads {@code pipeline.json} with it, and the Lambda handlers (which carry no
 * databind: its first {@code ObjectMapper} costs ~130 ms of a cold start) read and write events.
 */
public final class PlainJson {
  private PlainJson() {}

  /**
   * Reads one whole document.
   *
   * @param parser a parser before its first token
   * @return the value, or {@code null} for an empty input
   * @throws JsonParseException for bad JSON or content after the value
   */
  public static Object readDocument(JsonParser parser) throws IOException {
    return readDocument(parser, null);
  }

  /**
   * Reads one whole document, noting the line of every value.
   *
   * @param parser a parser before its first token
   * @param lines filled with the line of each value by path ({@code tuning.max_jobs},
   *     {@code required_columns[1]}; the root is {@code ""}), or {@code null}
   * @return the value, or {@code null} for an empty input
   * @throws JsonParseException for bad JSON or content after the value
   */
  public static Object readDocument(JsonParser parser, Map<String, Integer> lines) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    Object value = readValue(parser, token, "", lines);
    if (parser.nextToken() != null) {
      throw new JsonParseException(parser, "trailing content after the JSON value");
    }
    return value;
  }

  private static Object readValue(JsonParser parser, JsonToken token, String path, Map<String, Integer> lines)
      throws IOException {
    if (lines != null) {
      lines.put(path, parser.currentTokenLocation().getLineNr());
    }
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          object.put(name, readValue(parser, parser.nextToken(), path.isEmpty() ? name : path + "." + name, lines));
        }
        return object;
      }
      case START_ARRAY: {
        List<Object> array = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(readValue(parser, t, path + "[" + array.size() + "]", lines));
        }
        return array;
      }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new JsonParseException(parser, "unexpected token " + token);
    }
  }

  /**
   * Writes a plain value.
   *
   * @throws IllegalArgumentException for anything but the types above (and other {@code Number}s)
   */
  public static void writeValue(JsonGenerator generator, Object value) throws IOException {
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
