package dev.rookery.functions.trigger;

import dev.rookery.functions.exceptions.InvalidDatasetException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV header (and whether any data follows) from the first bytes of an object, RFC 4180
 * style: comma separated, fields optionally double-quoted with {@code ""} escapes, a UTF-8 BOM
 * tolerated, CRLF or LF line ends.
 *
 * @param columns the header's column names, trimmed
 * @param hasDataRow whether a non-blank line follows the header (or the sample was cut after it)
 */
public record CsvHeader(List<String> columns, boolean hasDataRow) {
  /** Copies. */
  public CsvHeader {
    columns = List.copyOf(columns);
  }

  /**
   * @param objectUri the object, for messages
   * @param sample the first bytes
   * @param complete whether the sample is the whole object
   * @return the header
   * @throws InvalidDatasetException if the sample holds no complete header line or is not text
   */
  public static CsvHeader parse(String objectUri, byte[] sample, boolean complete) {
    String text = decode(objectUri, sample, complete);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    int end = lineEnd(text);
    if (end < 0) {
      if (!complete) {
        throw new InvalidDatasetException(objectUri,
            "no header line ends within the first " + sample.length + " bytes");
      }
      end = text.length();
    }
    String line = text.substring(0, end);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isBlank()) {
      throw new InvalidDatasetException(objectUri, "the first line (the header) is empty");
    }
    String rest = end < text.length() ? text.substring(end + 1) : "";
    boolean hasData = !rest.isBlank() || (!complete && end + 1 >= text.length());
    return new CsvHeader(split(objectUri, line), hasData);
  }

  private static String decode(String objectUri, byte[] sample, boolean complete) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    int length = sample.length;
    if (!complete) {
      // A range read can cut a multi-byte character in two: drop an incomplete tail.
      length = completeUtf8Prefix(sample);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(sample, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidDatasetException(objectUri, "is not UTF-8 text");
    }
  }

  private static int completeUtf8Prefix(byte[] bytes) {
    int i = bytes.length;
    int back = 0;
    while (i > 0 && back < 3 && (bytes[i - 1] & 0xC0) == 0x80) {
      i--;
      back++;
    }
    if (i > 0) {
      int lead = bytes[i - 1] & 0xFF;
      int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (need > back + 1) {
        return i - 1;
      }
    }
    return bytes.length;
  }

  /** The index of the newline ending the first record, honouring quoted newlines; -1 if none. */
  private static int lineEnd(String text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> split(String objectUri, String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString().trim());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new InvalidDatasetException(objectUri, "the header has an unterminated quote: " + line);
    }
    fields.add(field.toString().trim());
    return fields;
  }
}
