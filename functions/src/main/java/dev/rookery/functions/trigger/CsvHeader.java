package dev.rookery.functions.trigger;

import dev.rookery.functions.exceptions.InvalidDatasetException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV header (and whether any data follows) from the first bytes of an object with Commons
 * CSV: RFC 4180 fields (comma separated, optionally double-quoted with {@code ""} escapes, spaces
 * around a field ignored), a UTF-8 BOM tolerated, CRLF or LF line ends.
 *
 * @param columns the header's column names, trimmed
 * @param hasDataRow whether a non-blank record follows the header (or the sample was cut after it)
 */
public record CsvHeader(List<String> columns, boolean hasDataRow) {
  /** Blank lines stay records, so a blank first line is reported as an empty header. */
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setIgnoreEmptyLines(false)
      .setIgnoreSurroundingSpaces(true)
      .setTrim(true)
      .get();

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
    try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
      Iterator<CSVRecord> records = parser.iterator();
      CSVRecord header = next(records);
      // Commons CSV notes the first record-ending line break; inside quotes is not one.
      boolean headerEnded = header != null && parser.getFirstEndOfLine() != null;
      if (!complete && !headerEnded) {
        throw new InvalidDatasetException(objectUri,
            "no header line ends within the first " + sample.length + " bytes");
      }
      if (header == null || blank(header)) {
        throw new InvalidDatasetException(objectUri, "the first line (the header) is empty");
      }
      return new CsvHeader(header.toList(), hasData(records, complete));
    } catch (UncheckedIOException | IOException e) {
      // The header's quote never closes (in a complete object: a sample cut inside it is caught
      // above only when the parser gets that far, so both cases land here).
      if (!complete) {
        throw new InvalidDatasetException(objectUri,
            "no header line ends within the first " + sample.length + " bytes");
      }
      throw new InvalidDatasetException(objectUri,
          "the header has an unterminated quote: " + text.lines().findFirst().orElse(""));
    }
  }

  /**
   * Whether a record after the header holds a value; a sample cut right after the header, or
   * inside a data row's quotes, has data beyond it.
   */
  private static boolean hasData(Iterator<CSVRecord> records, boolean complete) {
    try {
      boolean any = false;
      while (records.hasNext()) {
        any = true;
        if (!blank(records.next())) {
          return true;
        }
      }
      return !complete && !any;
    } catch (UncheckedIOException e) {
      return true;
    }
  }

  private static CSVRecord next(Iterator<CSVRecord> records) {
    return records.hasNext() ? records.next() : null;
  }

  private static boolean blank(CSVRecord record) {
    return record.stream().allMatch(String::isEmpty);
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
}
