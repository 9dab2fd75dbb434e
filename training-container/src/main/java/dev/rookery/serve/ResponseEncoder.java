package dev.rookery.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rookery.ml.predict.Prediction;
import dev.rookery.ml.records.DecodedRecords;
import dev.rookery.ml.records.RecordEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the response encoding from {@code Accept} and writes predictions and errors.
 *
 * <ul>
 *   <li>{@code application/json}: one object {@code {"prediction", "confidence", "probabilities":
 *       {class: p}}} for a single-object request, otherwise a JSON array of them.
 *   <li>{@code application/jsonlines}: one such object per line.
 *   <li>{@code text/csv}: {@code prediction,confidence} lines.
 * </ul>
 *
 * <p>Without an {@code Accept} (or with {@code *}{@code /*}) the answer uses the request's
 * encoding: Model Monitor rejects captures whose input and output encodings differ.
 */
final class ResponseEncoder {

  private static final JsonFactory JSON = new JsonFactory();

  private ResponseEncoder() {}

  /**
   * The response encoding for an {@code Accept} header.
   *
   * @param accept the header value, {@code null} when absent
   * @param request the request body's encoding, preferred whenever {@code Accept} allows it
   * @return empty when no acceptable media type is one we can write (HTTP 406)
   */
  static Optional<RecordEncoding> negotiate(String accept, RecordEncoding request) {
    if (accept == null || accept.isBlank()) {
      return Optional.of(request);
    }
    RecordEncoding best = null;
    double bestQ = 0;
    // An HTTP header (RFC 9110 media ranges with weights), not CSV: the JDK and our libraries have no
    // parser for it, and these few lines are all we need of it.
    for (String entry : accept.split(",")) {
      // Limit -1: a bare ";" gives ["", ""], not an empty array (found by InferenceServerFuzzTest).
      String[] parts = entry.split(";", -1);
      String range = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim();
        if (p.startsWith("q=") || p.startsWith("Q=")) {
          try {
            q = Double.parseDouble(p.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 0; // an unreadable weight: treat the range as not acceptable rather than guess
          }
        }
      }
      RecordEncoding candidate = resolve(range, request);
      // Strictly greater: among equal weights the first listed wins, as the client ordered them.
      if (candidate != null && q > bestQ) {
        best = candidate;
        bestQ = q;
      }
    }
    return Optional.ofNullable(best);
  }

  private static RecordEncoding resolve(String range, RecordEncoding request) {
    switch (range) {
      case "*/*":
        return request;
      case "text/*":
        return RecordEncoding.CSV;
      case "application/*":
        return request == RecordEncoding.CSV ? RecordEncoding.JSON : request;
      default:
        return RecordEncoding.fromMediaType(range).orElse(null);
    }
  }

  /** The {@code Content-Type} of a response in this encoding. */
  static String contentType(RecordEncoding encoding) {
    return switch (encoding) {
      case CSV -> "text/csv; charset=utf-8";
      case JSON -> "application/json";
      case JSON_LINES -> "application/jsonlines";
    };
  }

  /** Encodes predictions, one per decoded record, in order. */
  static byte[] encode(RecordEncoding encoding, DecodedRecords.Layout layout, List<Prediction> predictions) {
    return switch (encoding) {
      case CSV -> csv(predictions);
      case JSON -> json(layout.single() && predictions.size() == 1, predictions);
      case JSON_LINES -> jsonLines(predictions);
    };
  }

  /**
   * An error body: {@code {"error": message, "record": i, "field": f, "value": v}}, with {@code
   * null} for what does not apply.
   */
  static byte[] error(String message, Integer record, String field, String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("error", message);
      if (record == null) {
        g.writeNullField("record");
      } else {
        g.writeNumberField("record", record);
      }
      g.writeStringField("field", field);
      g.writeStringField("value", value);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a byte array
    }
    return out.toByteArray();
  }

  private static byte[] json(boolean single, List<Prediction> predictions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 160 * predictions.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      if (single) {
        writePrediction(g, predictions.get(0));
      } else {
        g.writeStartArray();
        for (Prediction p : predictions) {
          writePrediction(g, p);
        }
        g.writeEndArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] jsonLines(List<Prediction> predictions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160 * predictions.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setRootValueSeparator(null);
      for (Prediction p : predictions) {
        writePrediction(g, p);
        g.writeRaw('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writePrediction(JsonGenerator g, Prediction p) throws IOException {
    g.writeStartObject();
    g.writeStringField("prediction", p.label());
    g.writeNumberField("confidence", p.confidence());
    g.writeObjectFieldStart("probabilities");
    for (Map.Entry<String, Double> e : p.probabilities().entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /*
   * Hand-written on purpose, on the serving hot path: bench/serve/csv-codec.sh (medians of three
   * runs) writes one "label,confidence" line in 0.1-0.2 us here against 0.8-1.0 us through Commons
   * CSV's CSVPrinter (4-8x: a printer per response). The quoting is RFC 4180's, as CSVFormat.DEFAULT
   * writes it.
   */
  private static byte[] csv(List<Prediction> predictions) {
    StringBuilder sb = new StringBuilder(32 * predictions.size());
    for (Prediction p : predictions) {
      appendCsvCell(sb, p.label());
      sb.append(',').append(p.confidence()).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void appendCsvCell(StringBuilder sb, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      sb.append(value);
      return;
    }
    sb.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
