package dev.rookery.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Ground-truth labels in Model Monitor's format: JSON Lines, one record per line,
 *
 * <pre>{@code
 * {"groundTruthData": {"data": "Adelie", "encoding": "CSV"}, "eventMetadata": {"eventId": "<inference id>"}, "eventVersion": "0"}
 * }</pre>
 *
 * under {@code ground-truth/<endpoint>/yyyy/MM/dd/HH/*.jsonl} (the UTC hour the labels were
 * written). {@code eventId} is the inference id of the captured prediction the label belongs to.
 *
 * <p>Reading never loses a good record to a bad one: every line is decoded (strict UTF-8) and parsed
 * on its own; a line that is not valid UTF-8, not one JSON object, has no {@code eventId} or
 * {@code data}, another {@code encoding} than CSV, or (when the classes are known) a label that is
 * not a class, is counted under its {@link Problem} kind with a {@code file:line: reason} message,
 * and reading goes on with the next line.
 */
public final class GroundTruth {
  /** The folder name under the artefacts bucket (cloud) or the state folder (local). */
  public static final String FOLDER = "ground-truth";
  /** Messages kept per read; the counts are complete. */
  static final int MAX_MESSAGES = 20;

  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter HOUR_DIR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

  private GroundTruth() {}

  /** What is wrong with a line. */
  public enum Problem {
    /** Not valid UTF-8, not one JSON object, or a field missing or of the wrong type. */
    MALFORMED,
    /** A label that is not one of the model's classes. */
    UNKNOWN_CLASS
  }

  /** Receives each good label. */
  @FunctionalInterface
  public interface LabelSink {
    /**
     * @param eventId the inference id the label belongs to
     * @param label the true class
     */
    void label(String eventId, String label);
  }

  /**
   * The counts of one read.
   *
   * @param good lines handed to the sink
   * @param malformed lines of kind {@link Problem#MALFORMED}
   * @param unknownClass lines of kind {@link Problem#UNKNOWN_CLASS}
   * @param files files read
   * @param messages the first {@value #MAX_MESSAGES} problems, {@code file:line: reason}
   */
  public record ReadResult(long good, long malformed, long unknownClass, int files, List<String> messages) {
    public ReadResult {
      messages = List.copyOf(messages);
    }

    /** Lines with a problem. */
    public long bad() {
      return malformed + unknownClass;
    }
  }

  /** One ground-truth line (with its newline) for a label of an inference id. */
  public static String line(String eventId, String label) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("groundTruthData");
      g.writeStringField("data", label);
      g.writeStringField("encoding", "CSV");
      g.writeEndObject();
      g.writeObjectFieldStart("eventMetadata");
      g.writeStringField("eventId", eventId);
      g.writeEndObject();
      g.writeStringField("eventVersion", "0");
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  /** The hour folder, relative to {@code ground-truth/<endpoint>}, for labels written at {@code time}. */
  public static String hourFolder(Instant time) {
    return HOUR_DIR.format(time);
  }

  /**
   * Reads every {@code *.jsonl} file under {@code root} (recursively, in path order), or the one file
   * {@code root} names.
   *
   * @param classes the model's classes, or null to accept any label
   * @throws IOException when the folder cannot be listed or a file cannot be opened
   */
  public static ReadResult read(Path root, Set<String> classes, LabelSink sink) throws IOException {
    List<Path> files;
    if (Files.isRegularFile(root)) {
      files = List.of(root);
    } else {
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
      }
    }
    Counter counter = new Counter(classes, sink);
    for (Path file : files) {
      counter.readFile(file);
    }
    return new ReadResult(counter.good, counter.malformed, counter.unknownClass, files.size(), counter.messages);
  }

  private static final class Counter {
    private final Set<String> classes;
    private final LabelSink sink;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final List<String> messages = new ArrayList<>();
    long good;
    long malformed;
    long unknownClass;

    Counter(Set<String> classes, LabelSink sink) {
      this.classes = classes;
      this.sink = sink;
    }

    /** Splits the file into lines as bytes, so one badly encoded line spoils only itself. */
    void readFile(Path file) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int lineNumber = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
          int start = 0;
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              line.write(buffer, start, i - start);
              lineNumber++;
              readLine(file, lineNumber, line);
              line.reset();
              start = i + 1;
            }
          }
          line.write(buffer, start, n - start);
        }
        if (line.size() > 0) {
          readLine(file, lineNumber + 1, line);
        }
      }
    }

    private void readLine(Path file, int lineNumber, ByteArrayOutputStream bytes) {
      String text;
      try {
        text = utf8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
      } catch (CharacterCodingException e) {
        problem(Problem.MALFORMED, file, lineNumber, "not UTF-8 text (" + e.getMessage()
            + "): ground truth must be UTF-8 JSON Lines");
        return;
      }
      if (text.isBlank()) {
        return;
      }
      String[] fields = new String[3]; // eventId, data, encoding
      String error = parse(text, fields);
      if (error != null) {
        problem(Problem.MALFORMED, file, lineNumber, error);
        return;
      }
      String label = fields[1].strip();
      if (classes != null && !classes.contains(label)) {
        problem(Problem.UNKNOWN_CLASS, file, lineNumber, "groundTruthData.data '" + label
            + "' is not one of the model's classes " + classes.stream().sorted().toList());
        return;
      }
      good++;
      sink.label(fields[0], label);
    }

    private void problem(Problem kind, Path file, int line, String reason) {
      if (kind == Problem.MALFORMED) {
        malformed++;
      } else {
        unknownClass++;
      }
      if (messages.size() < MAX_MESSAGES) {
        messages.add(file + ":" + line + ": " + reason);
      }
    }
  }

  /** Reads one line into {@code fields} (eventId, data, encoding); returns the problem, or null. */
  static String parse(String text, String[] fields) {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "not a JSON object";
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT && (name.equals("groundTruthData") || name.equals("eventMetadata"))) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken ft = p.nextToken();
            if (ft == JsonToken.VALUE_STRING && name.equals("eventMetadata") && field.equals("eventId")) {
              fields[0] = p.getText();
            } else if (ft == JsonToken.VALUE_STRING && name.equals("groundTruthData") && field.equals("data")) {
              fields[1] = p.getText();
            } else if (ft == JsonToken.VALUE_STRING && name.equals("groundTruthData") && field.equals("encoding")) {
              fields[2] = p.getText();
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        return "not one JSON object: content after its end";
      }
    } catch (IOException e) {
      // Jackson's message, without where in the source it is (always this line) or its newline.
      String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      m = m == null ? "" : m;
      for (String cut : new String[] {"\n", " (start marker at"}) {
        int i = m.indexOf(cut);
        m = i < 0 ? m : m.substring(0, i);
      }
      return "not a JSON object: " + m;
    }
    if (fields[0] == null || fields[0].isBlank()) {
      return "no eventMetadata.eventId (the inference id the label belongs to)";
    }
    if (fields[1] == null) {
      return "no groundTruthData.data (the label)";
    }
    if (fields[2] != null && !fields[2].equalsIgnoreCase("CSV")) {
      return "groundTruthData.encoding must be CSV, found '" + fields[2] + "'";
    }
    return null;
  }
}
