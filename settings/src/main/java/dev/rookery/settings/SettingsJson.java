package dev.rookery.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out for the settings ({@link PlainJson} values): a document is read together with
 * the line of every value, so that a problem can say where it is in the file.
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
      Object root = PlainJson.readDocument(parser, lines);
      if (root == null && text.isBlank()) {
        throw new SettingsException(source, List.of(new Problem("", "is empty, expected a JSON object")));
      }
      return new Document(root, text.indexOf('\n') < 0 ? Map.of() : lines);
    } catch (JsonProcessingException e) {
      throw new SettingsException(source, JsonErrors.problem(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return compact JSON of plain values */
  static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      PlainJson.writeValue(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code 'text'} for strings, the JSON of anything else: how a problem names the value found. */
  static String describe(Object value) {
    return value instanceof String s ? "'" + s + "'" : write(value);
  }
}
