package dev.rookery.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out for the settings, on Jackson's streaming core (no databind: see the module
 * POM). A document is read into plain values ({@code Map} in field order, {@code List}, {@code
 * String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null}) together with the line of
 * every value, so that a problem can say where it is in the file.
 */
final class SettingsJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SettingsJson() {}

  /**
   * A parsed document.
   *
   * @param root the root value
   * @param lines line of each value by JSON path ({@code tuning.max_jobs}); empty for one-line text
   */
  record Document(Object root, Map<String, Integer> lines) {
    int lineOf(String path) {
      return lines.getOrDefault(path, 0);
    }
  }

  /**
   * @param text JSON text
   * @param source what is read, for the message
   * @throws SettingsException if the text is not one JSON value, with line and column
   */
  static Document parse(String text, String source) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new SettingsException(source, List.of(new Problem("", "is empty, expected a JSON object")));
      }
      Object root = value(parser, "", lines);
      if (parser.nextToken() != null) {
        throw new SettingsException(source, List.of(new Problem("",
            "has more than one JSON value (line " + parser.currentTokenLocation().getLineNr() + ")")));
      }
      return new Document(root, text.indexOf('\n') < 0 ? Map.of() : lines);
    } catch (JsonProcessingException e) {
      throw new SettingsException(source, JsonErrors.problem(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
    lines.put(path, p.currentTokenLocation().getLineNr());
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          object.put(name, value(p, path.isEmpty() ? name : path + "." + name, lines));
        }
        return object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(p, path + "[" + array.size() + "]", lines));
        }
        return array;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue() : p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalStateException("unexpected token " + token);
    }
  }

  /** @return compact JSON of plain values */
  static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(e.getKey().toString());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Integer || value instanceof Long) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  /** {@code 'text'} for strings, the JSON of anything else: how a problem names the value found. */
  static String describe(Object value) {
    return value instanceof String s ? "'" + s + "'" : write(value);
  }
}
