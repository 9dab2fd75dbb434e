import dev.rookery.ml.records.RecordDecoder;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Is the serving path's hand-written CSV code worth keeping over Commons CSV? Times, per call, the
 * two ways of doing what one /invocations request does with CSV: decode a one-record body
 * (RecordDecoder vs CSVParser producing the same String[]), and write the one-line answer
 * (ResponseEncoder's StringBuilder vs CSVPrinter). Medians of 15 rounds after 5 warm-up rounds.
 *
 *   bench/serve/csv-codec.sh      # builds the classpath, runs this file
 */
public final class CsvCodecMeasure {
  static final List<String> FEATURES =
      List.of("island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex");
  static final byte[] BODY = "Torgersen,39.1,18.7,181,3750,male\n".getBytes(StandardCharsets.UTF_8);
  static final CSVFormat READ = CSVFormat.DEFAULT.builder().setNullString("").get();
  static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
  static volatile Object sink;

  public static void main(String[] args) {
    RecordDecoder decoder = new RecordDecoder(FEATURES);
    int calls = 200_000;
    report("decode, RecordDecoder (hand)", calls, () -> sink = decoder.decode("text/csv", BODY));
    report("decode, Commons CSV CSVParser", calls, () -> sink = commonsDecode(BODY));
    report("encode, StringBuilder (hand)", calls, () -> sink = handEncode("Adelie", 0.9731));
    report("encode, Commons CSV CSVPrinter", calls, () -> sink = commonsEncode("Adelie", 0.9731));
  }

  static List<String[]> commonsDecode(byte[] body) {
    List<String[]> rows = new ArrayList<>(1);
    try (CSVParser parser = CSVParser.parse(new StringReader(new String(body, StandardCharsets.UTF_8)), READ)) {
      for (CSVRecord r : parser) {
        if (r.size() != FEATURES.size()) {
          throw new IllegalArgumentException("width " + r.size());
        }
        rows.add(r.values());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  // The same as ResponseEncoder.csv for one prediction.
  static byte[] handEncode(String label, double confidence) {
    StringBuilder sb = new StringBuilder(32);
    boolean quote = false;
    for (int i = 0; i < label.length() && !quote; i++) {
      char c = label.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (quote) {
      sb.append('"').append(label.replace("\"", "\"\"")).append('"');
    } else {
      sb.append(label);
    }
    sb.append(',').append(confidence).append('\n');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] commonsEncode(String label, double confidence) {
    StringWriter out = new StringWriter(32);
    try (CSVPrinter printer = new CSVPrinter(out, WRITE)) {
      printer.printRecord(label, confidence);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void report(String what, int calls, Runnable call) {
    double[] nanos = new double[20];
    for (int round = 0; round < nanos.length; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        call.run();
      }
      nanos[round] = (System.nanoTime() - t0) / (double) calls;
    }
    double[] measured = Arrays.copyOfRange(nanos, 5, nanos.length);
    Arrays.sort(measured);
    System.out.printf("%-34s median %6.0f ns/call (min %5.0f, max %5.0f)%n", what, measured[measured.length / 2],
        measured[0], measured[measured.length - 1]);
  }
}
