package dev.rookery.ml.dataset;

import dev.rookery.ml.exceptions.DatasetException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read whole: the header and every data row as raw strings, with the physical line
 * each row started on (for error messages).
 *
 * @param file the file read
 * @param header column names, unique and non-blank
 * @param rows data rows, each with exactly {@code header.size()} values
 * @param lines physical 1-based start line of each row (the header is line 1)
 */
public record CsvTable(Path file, List<String> header, List<String[]> rows, long[] lines) {

  /** The CSV dialect: RFC 4180 (quotes, CRLF or LF), blank lines ignored, no comments. */
  static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setRecordSeparator('\n').get();

  /** Cap of the per-column string cache: categorical values repeat, numbers mostly do not. */
  private static final int CACHE_LIMIT = 4096;

  public CsvTable {
    Objects.requireNonNull(file, "file");
    header = List.copyOf(header);
  }

  /** Number of data rows. */
  public int size() {
    return rows.size();
  }

  /** Index of a column in the header, or -1. */
  public int columnIndex(String name) {
    return header.indexOf(name);
  }

  /**
   * Reads a CSV file strictly.
   *
   * @throws DatasetException when the file is missing, empty, not UTF-8, has no data rows, a
   *     blank or duplicate column name, or a row whose width differs from the header's
   */
  public static CsvTable read(Path file) {
    try (var reader =
            new StrictUtf8Reader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
      List<String> header = null;
      List<String[]> rows = new ArrayList<>();
      long[] lines = new long[1024];
      List<Map<String, String>> caches = new ArrayList<>();
      long nextLine = 1;
      try {
        for (CSVRecord record : parser) {
          long line = nextLine;
          nextLine = parser.getCurrentLineNumber() + 1;
          if (header == null) {
            header = readHeader(file, record);
            for (int i = 0; i < header.size(); i++) {
              caches.add(new HashMap<>());
            }
            continue;
          }
          if (record.size() != header.size()) {
            throw new DatasetException(
                file,
                line,
                null,
                "row has " + record.size() + " values but the header has " + header.size());
          }
          String[] row = new String[record.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = dedup(caches.get(i), record.get(i));
          }
          if (rows.size() == lines.length) {
            lines = java.util.Arrays.copyOf(lines, lines.length * 2);
          }
          lines[rows.size()] = line;
          rows.add(row);
        }
      } catch (UncheckedIOException e) {
        // Commons CSV wraps its syntax errors (CSVException) in the iterator; say what they mean
        // at the line where the record being read starts, without its class name. (A reader
        // failure, such as invalid UTF-8, comes with a cause and is handled below.)
        if (e.getCause() instanceof CSVException syntax && syntax.getCause() == null) {
          throw new DatasetException(file, nextLine, null, explain(syntax), e);
        }
        throw e;
      }
      if (header == null) {
        throw new DatasetException(file, 0, null, "the file is empty (a header row is required)");
      }
      if (rows.isEmpty()) {
        throw new DatasetException(file, 1, null, "the file has a header but no data rows");
      }
      return new CsvTable(file, header, rows, java.util.Arrays.copyOf(lines, rows.size()));
    } catch (NoSuchFileException e) {
      throw new DatasetException(file, 0, null, "the file does not exist", e);
    } catch (UncheckedIOException e) {
      // Commons CSV wraps reader failures; ours carry the line.
      if (e.getCause() != null && e.getCause().getCause() instanceof DatasetException d) {
        throw d;
      }
      throw new DatasetException(file, 0, null, "cannot read the file: " + e.getCause().getMessage(), e);
    } catch (IOException e) {
      throw new DatasetException(file, 0, null, "cannot read the file: " + e.getMessage(), e);
    }
  }

  /** What a Commons CSV syntax error means for whoever edits the file. */
  static String explain(CSVException e) {
    String message = String.valueOf(e.getMessage());
    String quoting = " (RFC 4180: a value holding a '\"' is quoted and the '\"' doubled, as \"say \"\"hi\"\"\")";
    if (message.contains("EOF reached before encapsulated token finished")) {
      return "a quoted value opened on this line is never closed: the file ends inside it" + quoting;
    }
    if (message.contains("Invalid character between encapsulated token and delimiter")) {
      return "text follows the closing '\"' of a quoted value before the next ','" + quoting;
    }
    // Any other syntax error: Commons CSV's words, without its "(line N)" prefix (our line leads).
    return "malformed CSV: " + message.replaceFirst("^\\((start)?line [\\d,]+\\) ", "");
  }

  private static List<String> readHeader(Path file, CSVRecord record) {
    List<String> header = new ArrayList<>(record.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i).strip();
      if (name.isEmpty()) {
        throw new DatasetException(file, 1, null, "header column " + (i + 1) + " has no name");
      }
      if (!seen.add(name)) {
        throw new DatasetException(file, 1, name, "the column name appears twice in the header");
      }
      header.add(name);
    }
    return header;
  }

  private static String dedup(Map<String, String> cache, String value) {
    String known = cache.get(value);
    if (known != null) {
      return known;
    }
    if (cache.size() < CACHE_LIMIT) {
      cache.put(value, value);
    }
    return value;
  }
}
