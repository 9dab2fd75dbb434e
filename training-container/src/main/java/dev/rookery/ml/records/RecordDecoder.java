package dev.rookery.ml.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decodes an inference request body into raw records in feature order: the one reader of request
 * bodies, used by the inference server and by the drift monitor over captured traffic.
 *
 * <ul>
 *   <li>{@code text/csv}: one or more rows, columns in feature order, no target. A first row equal
 *       to the feature names is a header and skipped. RFC 4180 quoting; an empty cell is missing.
 *   <li>{@code application/json}: one object, an array of records, or {@code {"instances":
 *       [...]}}; a record is an object keyed by feature name or an array in feature order.
 *   <li>{@code application/jsonlines}: one record per non-blank line.
 * </ul>
 *
 * <p>JSON numbers and strings become their text (numbers exactly as written), {@code null} and
 * absent features become {@code null}; a boolean, object or array as a feature value is a wrong
 * type. Fields that are not features are ignored and reported by {@link #decodeDetailed}. Bodies
 * are read as UTF-8; content-type parameters are ignored.
 *
 * <p>Immutable and thread-safe; one instance serves every request. Jackson's streaming parser
 * reads the JSON: no tree, no reflection, no per-record allocation beyond the values.
 */
public final class RecordDecoder {

  private static final JsonFactory JSON =
      JsonFactory.builder()
          // Values are short; these limits stop a hostile body from costing more than its size.
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(1000).build())
          .build();

  private final List<String> featureNames;
  private final Map<String, Integer> indexByName;

  /**
   * @param featureNames the model's features in canonical (schema) order, unique, non-empty
   * @throws IllegalArgumentException when the list is empty or holds a duplicate
   */
  public RecordDecoder(List<String> featureNames) {
    this.featureNames = List.copyOf(featureNames);
    if (this.featureNames.isEmpty()) {
      throw new IllegalArgumentException("featureNames must not be empty");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < this.featureNames.size(); i++) {
      if (index.put(this.featureNames.get(i), i) != null) {
        throw new IllegalArgumentException(
            "featureNames must be unique, found '" + this.featureNames.get(i) + "' twice");
      }
    }
    this.indexByName = Map.copyOf(index);
  }

  /** The feature names, in the order of the decoded values. */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Decodes a body into records.
   *
   * @param contentType the body's content type, parameters allowed
   * @param body the body bytes
   * @return at least one record, each an array of {@code featureNames().size()} raw values
   * @throws UnsupportedContentTypeException when the content type is not CSV, JSON or JSON Lines
   * @throws RecordFormatException when the body is empty, malformed or holds a wrong-typed value
   */
  public List<String[]> decode(String contentType, byte[] body) {
    return decodeDetailed(contentType, body).records();
  }

  /**
   * Decodes a body and also reports its layout and the unknown fields seen.
   *
   * @throws UnsupportedContentTypeException when the content type is not CSV, JSON or JSON Lines
   * @throws RecordFormatException when the body is empty, malformed or holds a wrong-typed value
   */
  public DecodedRecords decodeDetailed(String contentType, byte[] body) {
    RecordEncoding encoding =
        RecordEncoding.fromMediaType(contentType)
            .orElseThrow(() -> new UnsupportedContentTypeException(contentType));
    return decodeDetailed(encoding, body);
  }

  /**
   * Decodes a body of a known encoding.
   *
   * @throws RecordFormatException when the body is empty, malformed or holds a wrong-typed value
   */
  public DecodedRecords decodeDetailed(RecordEncoding encoding, byte[] body) {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(body, "body");
    if (isBlank(body, 0, body.length)) {
      throw new RecordFormatException(-1, null, null, "the body is empty");
    }
    return switch (encoding) {
      case CSV -> decodeCsv(body);
      case JSON -> decodeJson(body);
      case JSON_LINES -> decodeJsonLines(body);
    };
  }

  // ---------------------------------------------------------------- CSV

  /**
   * The body as text, refusing bytes that are not UTF-8 (as the JSON parser does) instead of
   * turning them into U+FFFD and predicting on a value nobody sent.
   */
  private static String utf8(byte[] body) {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length);
    java.nio.charset.CoderResult result = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
        .decode(in, out, true);
    if (result.isError()) {
      throw new RecordFormatException(-1, null, null,
          "the body is not valid UTF-8: invalid byte sequence at byte " + in.position());
    }
    return out.flip().toString();
  }

  /*
   * Hand-written on purpose, on the serving hot path: bench/serve/csv-codec.sh (medians of three
   * runs on the shared 2-core machine) decodes a one-record penguin body in 0.9-1.6 us here against
   * 4.0-7.4 us through Commons CSV's CSVParser (3.6-8x: a parser per body), 3-6 us more per request
   * where a whole request costs ~50 us of CPU at 41k req/s. Commons CSV reads the training data
   * (CsvTable), where one parser serves a whole file.
   */
  private DecodedRecords decodeCsv(byte[] body) {
    String text = utf8(body);
    List<String[]> rows = new ArrayList<>();
    int n = featureNames.size();
    int pos = 0;
    int length = text.length();
    if (length > 0 && text.charAt(0) == '\uFEFF') {
      pos = 1; // a byte-order mark from a spreadsheet export
    }
    boolean first = true;
    List<String> cells = new ArrayList<>(n + 1);
    StringBuilder cell = new StringBuilder();
    while (pos < length) {
      int lineStart = pos;
      cells.clear();
      boolean lineDone = false;
      boolean blankLine = true;
      while (!lineDone) {
        cell.setLength(0);
        boolean quoted = false;
        if (pos < length && text.charAt(pos) == '"') {
          quoted = true;
          blankLine = false;
          pos = CsvCells.readQuoted(text, pos, cell);
          if (pos < 0) {
            throw new RecordFormatException(
                rows.size(), fieldAt(cells.size()), snippet(text, lineStart), "malformed CSV: unterminated quoted value");
          }
        }
        // Unquoted content, or what follows a closing quote up to the separator.
        while (pos < length) {
          char c = text.charAt(pos);
          if (c == ',' || c == '\n' || c == '\r') {
            break;
          }
          if (quoted) {
            throw new RecordFormatException(
                rows.size(), fieldAt(cells.size()), snippet(text, lineStart), "malformed CSV: text after a closing quote");
          }
          if (c == '"') {
            throw new RecordFormatException(
                rows.size(), fieldAt(cells.size()), snippet(text, lineStart), "malformed CSV: a quote inside an unquoted value");
          }
          cell.append(c);
          blankLine = false;
          pos++;
        }
        cells.add(quoted || cell.length() > 0 ? cell.toString() : null);
        if (pos < length && text.charAt(pos) == ',') {
          blankLine = false;
          pos++;
        } else {
          if (pos < length && text.charAt(pos) == '\r') {
            pos++;
          }
          if (pos < length && text.charAt(pos) == '\n') {
            pos++;
          }
          lineDone = true;
        }
      }
      if (blankLine) {
        continue; // blank lines (a trailing newline, a spacer) hold no record
      }
      if (first && isHeader(cells)) {
        first = false;
        continue;
      }
      first = false;
      if (cells.size() != n) {
        throw new RecordFormatException(
            rows.size(),
            null,
            snippet(text, lineStart),
            "expected " + n + " columns " + featureNames + ", found " + cells.size());
      }
      rows.add(cells.toArray(new String[0]));
    }
    if (rows.isEmpty()) {
      throw new RecordFormatException(-1, null, null, "the CSV body holds a header but no record");
    }
    return new DecodedRecords(DecodedRecords.Layout.CSV, rows, Set.of());
  }

  private boolean isHeader(List<String> cells) {
    if (cells.size() != featureNames.size()) {
      return false;
    }
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (c == null || !c.trim().equals(featureNames.get(i))) {
        return false;
      }
    }
    return true;
  }

  private String fieldAt(int column) {
    return column < featureNames.size() ? featureNames.get(column) : null;
  }

  private static String snippet(String text, int lineStart) {
    int end = lineStart;
    while (end < text.length() && text.charAt(end) != '\n' && end - lineStart <= RecordFormatException.MAX_VALUE_CHARS) {
      end++;
    }
    String line = text.substring(lineStart, end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  // ---------------------------------------------------------------- JSON

  private DecodedRecords decodeJson(byte[] body) {
    Set<String> extra = new LinkedHashSet<>();
    List<String[]> records = new ArrayList<>();
    Cursor cursor = new Cursor();
    DecodedRecords.Layout layout;
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        layout = DecodedRecords.Layout.JSON_ARRAY;
        readRecordList(p, records, extra, cursor);
      } else if (t == JsonToken.START_OBJECT) {
        JsonToken next = p.nextToken();
        if (next == JsonToken.FIELD_NAME
            && "instances".equals(p.currentName())
            && !indexByName.containsKey("instances")) {
          layout = DecodedRecords.Layout.JSON_INSTANCES;
          if (p.nextToken() != JsonToken.START_ARRAY) {
            throw new RecordFormatException(
                -1, "instances", text(p), "'instances' must be an array of records");
          }
          readRecordList(p, records, extra, cursor);
          // Other members next to "instances" (TF-serving style options) carry no record.
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            p.nextToken();
            p.skipChildren();
          }
        } else {
          layout = DecodedRecords.Layout.JSON_OBJECT;
          records.add(readObjectFields(p, next, 0, extra, cursor));
        }
      } else {
        throw new RecordFormatException(
            -1, null, text(p), "the JSON body must be an object, an array of records or {\"instances\": [...]}");
      }
      if (p.nextToken() != null) {
        throw new RecordFormatException(-1, null, text(p), "unexpected content after the JSON value");
      }
    } catch (JsonProcessingException e) {
      throw malformed(e, cursor, "JSON", 0);
    } catch (IOException e) {
      throw new RecordFormatException(cursor.record, cursor.field, null, "unreadable JSON: " + e.getMessage());
    }
    if (records.isEmpty()) {
      throw new RecordFormatException(-1, null, null, "the JSON body holds no record");
    }
    return new DecodedRecords(layout, records, extra);
  }

  private void readRecordList(JsonParser p, List<String[]> records, Set<String> extra, Cursor cursor)
      throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new RecordFormatException(records.size(), null, null, "malformed JSON: unexpected end of input");
      }
      records.add(readRecord(p, t, records.size(), extra, cursor));
    }
  }

  private String[] readRecord(JsonParser p, JsonToken t, int record, Set<String> extra, Cursor cursor)
      throws IOException {
    cursor.record = record;
    cursor.field = null;
    if (t == JsonToken.START_OBJECT) {
      return readObjectFields(p, p.nextToken(), record, extra, cursor);
    }
    if (t == JsonToken.START_ARRAY) {
      return readArrayRecord(p, record, cursor);
    }
    throw new RecordFormatException(
        record, null, text(p), "a record must be a JSON object or an array in feature order");
  }

  /** Reads an object's members; {@code t} is the token after its START_OBJECT. */
  private String[] readObjectFields(JsonParser p, JsonToken t, int record, Set<String> extra, Cursor cursor)
      throws IOException {
    cursor.record = record;
    String[] values = new String[featureNames.size()];
    boolean[] seen = new boolean[values.length];
    while (t == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      cursor.field = name;
      JsonToken v = p.nextToken();
      Integer index = indexByName.get(name);
      if (index == null) {
        extra.add(name);
        p.skipChildren();
      } else {
        if (seen[index]) {
          throw new RecordFormatException(record, name, null, "the field appears twice in one record");
        }
        seen[index] = true;
        values[index] = scalar(p, v, record, name);
      }
      t = p.nextToken();
    }
    cursor.field = null;
    if (t != JsonToken.END_OBJECT) {
      throw new RecordFormatException(record, null, text(p), "malformed JSON object");
    }
    return values;
  }

  private String[] readArrayRecord(JsonParser p, int record, Cursor cursor) throws IOException {
    int n = featureNames.size();
    String[] values = new String[n];
    int i = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new RecordFormatException(record, null, null, "malformed JSON: unexpected end of input");
      }
      if (i >= n) {
        throw new RecordFormatException(
            record, null, null, "an array record must hold " + n + " values " + featureNames + ", found more");
      }
      cursor.field = featureNames.get(i);
      values[i] = scalar(p, t, record, featureNames.get(i));
      i++;
    }
    cursor.field = null;
    if (i != n) {
      throw new RecordFormatException(
          record, null, null, "an array record must hold " + n + " values " + featureNames + ", found " + i);
    }
    return values;
  }

  private static String scalar(JsonParser p, JsonToken v, int record, String field) throws IOException {
    switch (v) {
      case VALUE_STRING:
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getText();
      case VALUE_NULL:
        return null;
      case VALUE_TRUE:
      case VALUE_FALSE:
        throw new RecordFormatException(record, field, p.getText(), "wrong type: a boolean is not a feature value");
      case START_OBJECT:
        p.skipChildren();
        throw new RecordFormatException(record, field, "{...}", "wrong type: an object is not a feature value");
      case START_ARRAY:
        p.skipChildren();
        throw new RecordFormatException(record, field, "[...]", "wrong type: an array is not a feature value");
      default:
        throw new RecordFormatException(record, field, p.getText(), "wrong type: unexpected JSON token " + v);
    }
  }

  // ---------------------------------------------------------------- JSON Lines

  private DecodedRecords decodeJsonLines(byte[] body) {
    Set<String> extra = new LinkedHashSet<>();
    List<String[]> records = new ArrayList<>();
    Cursor cursor = new Cursor();
    int start = 0;
    int line = 0; // physical line of the body, 0-based: each line has a parser of its own
    while (start < body.length) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      if (!isBlank(body, start, end)) {
        int record = records.size();
        cursor.record = record;
        cursor.field = null;
        try (JsonParser p = JSON.createParser(body, start, end - start)) {
          JsonToken t = p.nextToken();
          records.add(readRecord(p, t, record, extra, cursor));
          if (p.nextToken() != null) {
            throw new RecordFormatException(record, null, text(p), "one JSON record per line: unexpected content after the record");
          }
        } catch (JsonProcessingException e) {
          throw malformed(e, cursor, "JSON Lines", line);
        } catch (IOException e) {
          throw new RecordFormatException(record, cursor.field, null, "unreadable JSON: " + e.getMessage());
        }
      }
      start = end + 1;
      line++;
    }
    return new DecodedRecords(DecodedRecords.Layout.JSON_LINES, records, extra);
  }

  // ---------------------------------------------------------------- helpers

  /** Where the parser was, so a syntax error names the record and field it broke. */
  private static final class Cursor {
    int record = -1;
    String field;
  }

  /** A syntax error, located in the body: {@code linesBefore} is added to the parser's line. */
  private static RecordFormatException malformed(
      JsonProcessingException e, Cursor cursor, String what, int linesBefore) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + (at.getLineNr() + linesBefore) + " column " + at.getColumnNr();
    String field = cursor.field;
    if (field == null && e.getProcessor() instanceof JsonParser p) {
      // Jackson reads a member's value together with its name, so the error can come before we
      // saw the name: the parser still knows it.
      field = p.getParsingContext() == null ? null : p.getParsingContext().getCurrentName();
    }
    String detail = e.getOriginalMessage();
    int cut = detail.indexOf(" (start marker at");
    if (cut >= 0) {
      detail = detail.substring(0, cut); // the rest is Jackson's source description, noise here
    }
    int newline = detail.indexOf('\n');
    if (newline >= 0) {
      detail = detail.substring(0, newline);
    }
    return new RecordFormatException(cursor.record, field, null, "malformed " + what + where + ": " + detail);
  }

  private static String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return null;
    }
    return switch (t) {
      case START_OBJECT -> "{...}";
      case START_ARRAY -> "[...]";
      default -> p.getText();
    };
  }

  private static boolean isBlank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
