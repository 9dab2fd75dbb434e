package dev.rookery.monitor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.ml.records.CsvCells;
import dev.rookery.ml.records.DecodedRecords;
import dev.rookery.ml.records.RecordDecoder;
import dev.rookery.ml.records.RecordEncoding;
import dev.rookery.ml.records.RecordFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads SageMaker data capture files ({@code *.jsonl} under a folder, recursively, in path order)
 * and hands each in-window record's decoded input and predicted labels to a {@link WindowObserver}.
 *
 * <p>A capture line is one JSON object:
 * {@code {"captureData":{"endpointInput":{"observedContentType","mode","data","encoding"},
 * "endpointOutput":{...}},"eventMetadata":{"eventId","inferenceTime"},"eventVersion":"0"}}.
 * {@code encoding} is {@code CSV} or {@code JSON} (data is the body text) or {@code BASE64} (data
 * is the body's bytes, base64); the body is then read by {@link RecordDecoder} according to
 * {@code observedContentType}. A line that cannot be read is reported as malformed and skipped.
 */
public final class CaptureReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** CSV rows of another width than the baseline's are read with these, to count their columns. */
  private static final int MAX_EXTRA_COLUMNS = 16;

  private final RecordDecoder decoder;
  private final RecordDecoder[] widthProbes;
  private final MonitorRequest request;

  /**
   * @param featureNames the baseline's features, in order
   * @param request the window and the source folder
   */
  public CaptureReader(List<String> featureNames, MonitorRequest request) {
    this.decoder = new RecordDecoder(featureNames);
    this.request = request;
    this.widthProbes = new RecordDecoder[featureNames.size() + MAX_EXTRA_COLUMNS + 1];
    for (int w = 1; w < widthProbes.length; w++) {
      if (w != featureNames.size()) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= w; i++) {
          names.add("column_" + i);
        }
        widthProbes[w] = new RecordDecoder(names);
      }
    }
  }

  /**
   * Reads every capture file under the request's {@code datasetSource}.
   *
   * @throws MonitorException when the folder does not exist or a file cannot be read
   */
  public void readAll(WindowObserver observer) {
    forEachLine(request.datasetSource(), observer.lineCounts(), line -> readLine(line, observer));
  }

  /**
   * The predictions of every capture record under {@code root}, for the model-quality job: each
   * record's join key ({@code eventMetadata.inferenceId}, else {@code eventId}, as Model Monitor
   * joins ground truth), whether its inference time is in the window, its hour, and its predicted
   * labels (as {@link #observeOutput} reads them; one per record of the request).
   */
  interface PredictionObserver {
    /**
     * @param id the join key
     * @param time the inference time, or null when the record has none (then in an unbounded window only)
     * @param inWindow whether the inference time is in the window
     * @param labels the predicted labels, {@link WindowObserver#UNREADABLE_PREDICTION} for one that cannot be read
     */
    void prediction(String id, Instant time, boolean inWindow, List<String> labels);
  }

  /**
   * Reads the predictions of every capture file under {@code root}.
   *
   * @throws MonitorException when the folder does not exist or a file cannot be read
   */
  static void readPredictions(Path root, MonitorRequest.TimeWindow window, LineCounts counts,
      PredictionObserver observer) {
    forEachLine(root, counts, line -> {
      Envelope envelope = Envelope.parse(line);
      String id = envelope.inferenceId != null ? envelope.inferenceId : envelope.eventId;
      if (id == null || id.isEmpty()) {
        throw new MalformedCaptureException("no eventMetadata.inferenceId or eventId to join labels on");
      }
      Instant t = envelope.inferenceTime == null ? null : parseTime(envelope.inferenceTime, "eventMetadata.inferenceTime");
      if (t == null && window.bounded()) {
        throw new MalformedCaptureException("no eventMetadata.inferenceTime to place the record in the window");
      }
      List<String> labels = new ArrayList<>(1);
      if (envelope.output == null) {
        labels.add(WindowObserver.UNREADABLE_PREDICTION);
      } else {
        observeOutput(envelope.output, labels::add);
      }
      observer.prediction(id, t, t == null || window.contains(t), labels);
    });
  }

  private static void forEachLine(Path root, LineCounts counts, java.util.function.Consumer<String> reader) {
    if (!Files.isDirectory(root)) {
      throw new MonitorException("dataset_source " + root + " is not a folder");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jsonl"))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new MonitorException("cannot list capture files under " + root + ": " + e.getMessage(), e);
    }
    for (Path file : files) {
      readFile(file, counts, reader);
    }
  }

  private static void readFile(Path file, LineCounts counts, java.util.function.Consumer<String> reader) {
    boolean endsWithNewline = endsWithNewline(file);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      String pending = null; // the last line's complaint, held until we know whether it was the last
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        if (pending != null) {
          counts.malformed(pending);
          pending = null;
        }
        counts.lineRead();
        try {
          reader.accept(line);
        } catch (MalformedCaptureException e) {
          pending = file + ":" + lineNumber + ": " + e.getMessage();
        }
      }
      if (pending != null) {
        // A writer killed mid-write (SIGKILL, a crash) leaves at most this: a last line cut short.
        counts.malformed(endsWithNewline
            ? pending
            : pending + " (torn last line: no newline at the end of the file, its writer was stopped mid-write)");
      }
    } catch (IOException e) {
      throw new MonitorException("cannot read capture file " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean endsWithNewline(Path file) {
    try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
      if (ch.size() == 0) {
        return true;
      }
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      ch.position(ch.size() - 1);
      ch.read(last);
      return last.get(0) == '\n';
    } catch (IOException e) {
      throw new MonitorException("cannot read capture file " + file + ": " + e.getMessage(), e);
    }
  }

  private void readLine(String line, WindowObserver observer) {
    Envelope envelope = Envelope.parse(line);
    if (envelope.input == null) {
      throw new MalformedCaptureException("no captureData.endpointInput");
    }
    if (request.window().bounded()) {
      if (envelope.inferenceTime == null) {
        throw new MalformedCaptureException("no eventMetadata.inferenceTime to place the record in the window");
      }
      Instant t = parseTime(envelope.inferenceTime, "eventMetadata.inferenceTime");
      if (!request.window().contains(t)) {
        observer.skippedOutOfWindow();
        return;
      }
    }
    Part input = envelope.input;
    Body in = body(input, "endpointInput");
    RecordEncoding encoding = RecordEncoding.fromMediaType(in.contentType)
        .orElseGet(() -> in.fallback);
    if (encoding == null) {
      throw new MalformedCaptureException(
          "endpointInput.observedContentType '" + in.contentType + "' is not CSV, JSON or JSON Lines");
    }
    DecodedRecords records;
    try {
      records = decoder.decodeDetailed(encoding, in.bytes);
    } catch (RecordFormatException e) {
      if (encoding != RecordEncoding.CSV || !probeWidth(in.bytes, observer)) {
        throw new MalformedCaptureException("endpointInput: " + e.getMessage());
      }
      observeOutput(envelope.output, observer::prediction);
      return;
    }
    for (String extra : records.extraFields()) {
      observer.extraField(extra);
    }
    for (String[] values : records.records()) {
      observer.record(values);
    }
    observeOutput(envelope.output, observer::prediction);
  }

  /** A CSV body whose rows have another width than the baseline's: counted by width. */
  private boolean probeWidth(byte[] body, WindowObserver observer) {
    for (int w = 1; w < widthProbes.length; w++) {
      if (widthProbes[w] == null) {
        continue;
      }
      try {
        List<String[]> rows = widthProbes[w].decode(RecordEncoding.CSV.mediaType(), body);
        observer.misalignedRecords(w, rows.size());
        return true;
      } catch (RecordFormatException e) {
        // not this width
      }
    }
    return false;
  }

  /**
   * Counts the predicted labels of an {@code endpointOutput} as our server ({@code
   * dev.rookery.serve}) writes them, and only those: JSON, one object {@code {"prediction",
   * "confidence", "probabilities"}} or an array of them; JSON Lines, one such object per line; CSV,
   * {@code prediction,confidence} lines (RFC 4180 quoting). Other images' answer formats are not
   * guessed at: an answer without a readable {@code prediction} counts as {@link
   * WindowObserver#UNREADABLE_PREDICTION}, so the report shows it rather than a made-up class.
   */
  private static void observeOutput(Part output, Consumer<String> observer) {
    if (output == null) {
      return;
    }
    try {
      Body out = body(output, "endpointOutput");
      RecordEncoding encoding = RecordEncoding.fromMediaType(out.contentType).orElse(out.fallback);
      if (encoding == RecordEncoding.CSV) {
        csvLabels(new String(out.bytes, StandardCharsets.UTF_8), observer);
      } else if (encoding != null) {
        jsonLabels(out.bytes, observer);
      } else {
        observer.accept(WindowObserver.UNREADABLE_PREDICTION);
      }
    } catch (IOException | MalformedCaptureException e) {
      // Predictions are only counted for the report; an unreadable output does not spoil the input.
      observer.accept(WindowObserver.UNREADABLE_PREDICTION);
    }
  }

  /**
   * The first cell of every non-blank CSV line: {@code prediction} of {@code prediction,confidence}.
   * Hand-written for the same reason as {@link RecordDecoder}'s CSV: once per captured record, and a
   * Commons CSV parser per body measured 3.6-8x slower (bench/serve/csv-codec.sh).
   */
  static void csvLabels(String text, Consumer<String> observer) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      StringBuilder label = new StringBuilder();
      boolean blank = true;
      if (text.charAt(i) == '"') {
        blank = false;
        i = CsvCells.readQuoted(text, i, label);
        if (i < 0) {
          throw new MalformedCaptureException("endpointOutput: unterminated quoted CSV cell");
        }
      }
      // The rest of the line: the unquoted label (when it was not quoted), then the confidence.
      boolean inLabel = blank;
      while (i < n && text.charAt(i) != '\n') {
        char c = text.charAt(i++);
        if (c == ',') {
          inLabel = false;
        } else if (inLabel && c != '\r') {
          label.append(c);
        }
        if (c != '\r' && !Character.isWhitespace(c)) {
          blank = false;
        }
      }
      i++; // the newline
      if (!blank) {
        observer.accept(label.toString().strip());
      }
    }
  }

  /**
   * The {@code prediction} of every JSON object: root objects (one for a JSON answer, one per line
   * for JSON Lines) and the objects of a root array. Streaming, as {@link Envelope}: a tree per
   * answer would cost more than the statistics.
   */
  private static void jsonLabels(byte[] body, Consumer<String> observer) throws IOException {
    try (JsonParser p = MAPPER.getFactory().createParser(body)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_ARRAY) {
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
              throw new MalformedCaptureException("endpointOutput: unterminated JSON array");
            }
            objectLabel(p, t, observer);
          }
        } else {
          objectLabel(p, t, observer);
        }
      }
    }
  }

  private static void objectLabel(JsonParser p, JsonToken t, Consumer<String> observer) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      observer.accept(WindowObserver.UNREADABLE_PREDICTION);
      return;
    }
    String label = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("prediction") && value == JsonToken.VALUE_STRING) {
        label = p.getText();
      } else {
        p.skipChildren();
      }
    }
    observer.accept(label == null ? WindowObserver.UNREADABLE_PREDICTION : label);
  }

  private record Body(String contentType, byte[] bytes, RecordEncoding fallback) {}

  private static Body body(Part part, String where) {
    if (part.data == null) {
      throw new MalformedCaptureException(where + ".data is missing or not a string");
    }
    String encoding = part.encoding == null ? "" : part.encoding.toUpperCase(Locale.ROOT);
    String contentType = part.contentType;
    return switch (encoding) {
      case "CSV" -> new Body(contentType, part.data.getBytes(StandardCharsets.UTF_8), RecordEncoding.CSV);
      case "JSON" -> new Body(contentType, part.data.getBytes(StandardCharsets.UTF_8), RecordEncoding.JSON);
      case "BASE64" -> {
        try {
          yield new Body(contentType, Base64.getDecoder().decode(part.data), null);
        } catch (IllegalArgumentException e) {
          throw new MalformedCaptureException(where + ".data is not valid BASE64: " + e.getMessage());
        }
      }
      default -> throw new MalformedCaptureException(
          where + ".encoding must be CSV, JSON or BASE64, found '" + part.encoding + "'");
    };
  }

  /** One side of a capture record: {@code observedContentType}, {@code data}, {@code encoding}. */
  private static final class Part {
    String contentType;
    String data;
    String encoding;
  }

  /**
   * The fields of a capture line the monitor uses, read with Jackson's streaming parser: a tree per
   * line costs more than the rest of the analysis (a million lines an hour is the benchmark).
   */
  private static final class Envelope {
    Part input;
    Part output;
    String inferenceTime;
    String eventId;
    String inferenceId;

    static Envelope parse(String line) {
      Envelope e = new Envelope();
      try (JsonParser p = MAPPER.getFactory().createParser(line)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new MalformedCaptureException("not a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken t = p.nextToken();
          if (name.equals("captureData") && t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String side = p.currentName();
              JsonToken st = p.nextToken();
              if (st == JsonToken.START_OBJECT && (side.equals("endpointInput") || side.equals("endpointOutput"))) {
                Part part = part(p);
                if (side.equals("endpointInput")) {
                  e.input = part;
                } else {
                  e.output = part;
                }
              } else {
                p.skipChildren();
              }
            }
          } else if (name.equals("eventMetadata") && t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String field = p.currentName();
              JsonToken ft = p.nextToken();
              if (ft != JsonToken.VALUE_STRING) {
                p.skipChildren();
              } else if (field.equals("inferenceTime")) {
                e.inferenceTime = p.getText();
              } else if (field.equals("inferenceId")) {
                e.inferenceId = p.getText();
              } else if (field.equals("eventId")) {
                e.eventId = p.getText();
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        if (p.nextToken() != null) {
          throw new MalformedCaptureException("not one JSON object: content after its end");
        }
      } catch (IOException ex) {
        throw new MalformedCaptureException("not a JSON object: " + firstLine(ex.getMessage()));
      }
      return e;
    }

    private static Part part(JsonParser p) throws IOException {
      Part part = new Part();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_STRING) {
          p.skipChildren();
          continue;
        }
        switch (field) {
          case "data" -> part.data = p.getText();
          case "encoding" -> part.encoding = p.getText();
          case "observedContentType" -> part.contentType = p.getText();
          default -> { }
        }
      }
      return part;
    }
  }

  /**
   * Parses an ISO-8601 time with an offset ({@code 2024-05-01T10:00:00Z}).
   *
   * @throws MalformedCaptureException naming the field and the value
   */
  static Instant parseTime(String value, String field) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedCaptureException(field + " must be an ISO-8601 time such as 2024-05-01T10:00:00Z, found '" + value + "'");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** One capture line that cannot be read. */
  static final class MalformedCaptureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedCaptureException(String message) {
      super(message);
    }
  }
}
