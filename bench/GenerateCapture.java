import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded SageMaker data capture for the monitoring benchmarks, N records inside the hour from
 * 2024-05-01T10:00:00Z, 100,000 per file:
 *
 * <ul>
 *   <li>{@code drift} (bench/monitor): JSON-encoded penguins-like requests, the predicted species
 *       as output, into {@code <out>/penguins-endpoint/AllTraffic/2024/05/01/10/capture-<i>.jsonl};
 *   <li>{@code quality} (bench/quality): records as the inference server writes them (CSV input,
 *       {@code prediction,confidence} output, an {@code inferenceId}) into
 *       {@code <out>/capture/penguins-endpoint/AllTraffic/2024/05/01/10/capture-<i>.jsonl}; their N
 *       ground-truth labels in Model Monitor's format into
 *       {@code <out>/ground-truth/penguins-endpoint/2024/05/01/12/labels-<i>.jsonl}, in another
 *       order (a label's file does not follow its prediction's), 90 % of them the predicted class;
 *       and the model-quality baseline {@code <out>/constraints.json} (threshold 0.95: a
 *       violation).
 * </ul>
 *
 * <p>Usage: {@code java GenerateCapture.java drift|quality <out-dir> [records=1000000] [seed=42]}
 */
public class GenerateCapture {
  private static final int RECORDS_PER_FILE = 100_000;
  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
  private static final String[] ISLANDS = {"Biscoe", "Dream", "Torgersen"};
  private static final String[] SPECIES = {"Adelie", "Chinstrap", "Gentoo"};

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    Random r = new Random(args.length > 3 ? Long.parseLong(args[3]) : 42L);
    switch (args[0]) {
      case "drift" -> drift(out, n, r);
      case "quality" -> quality(out, n, r);
      default -> throw new IllegalArgumentException("mode must be drift or quality, found " + args[0]);
    }
  }

  private static void drift(Path out, int n, Random r) throws IOException {
    StringBuilder sb = new StringBuilder(512);
    try (JsonlFiles capture = new JsonlFiles(out.resolve("penguins-endpoint/AllTraffic/2024/05/01/10"), "capture")) {
      for (int i = 0; i < n; i++) {
        int s = r.nextInt(3);
        sb.setLength(0);
        sb.append("{\\\"island\\\":\\\"").append(ISLANDS[s == 2 ? 0 : r.nextInt(3)]).append("\\\",")
            .append("\\\"bill_length_mm\\\":").append(String.format(Locale.ROOT, "%.1f", 39 + 5 * s + 3 * r.nextGaussian())).append(',')
            .append("\\\"bill_depth_mm\\\":").append(String.format(Locale.ROOT, "%.1f", 18 - 1.5 * s + r.nextGaussian())).append(',')
            .append("\\\"flipper_length_mm\\\":").append(Math.round(190 + 10 * s + 6 * r.nextGaussian())).append(',')
            .append("\\\"body_mass_g\\\":").append(Math.round(3700 + 600 * s + 400 * r.nextGaussian())).append(',')
            .append("\\\"sex\\\":").append(r.nextInt(30) == 0 ? "null" : r.nextBoolean() ? "\\\"male\\\"" : "\\\"female\\\"").append(',')
            .append("\\\"year\\\":").append(2007 + r.nextInt(3)).append('}');
        captureLine(capture.next(i), new Body("application/json", "JSON", sb.toString()), SPECIES[s], i, null, n);
      }
    }
  }

  private static void quality(Path out, int n, Random r) throws IOException {
    byte[] predicted = new byte[n];
    try (JsonlFiles capture = new JsonlFiles(out.resolve("capture/penguins-endpoint/AllTraffic/2024/05/01/10"), "capture")) {
      for (int i = 0; i < n; i++) {
        int s = r.nextInt(3);
        predicted[i] = (byte) s;
        String input = ISLANDS[r.nextInt(3)] + "," + (39 + 5 * s) + ".1," + (18 - s) + ".2," + (190 + 10 * s) + ","
            + (3700 + 600 * s) + ",female,2008";
        captureLine(capture.next(i), new Body("text/csv", "CSV", input), SPECIES[s] + ",0.91\\n", i, id(i), n);
      }
    }
    // labels in a stride order (coprime with n), so files do not mirror the capture's
    long stride = 7_919;
    while (gcd(stride, n) != 1) {
      stride += 2;
    }
    try (JsonlFiles labels = new JsonlFiles(out.resolve("ground-truth/penguins-endpoint/2024/05/01/12"), "labels")) {
      for (int k = 0; k < n; k++) {
        int i = (int) ((k * stride) % n);
        int label = r.nextDouble() < 0.9 ? predicted[i] : r.nextInt(3);
        labels.next(k).write("{\"groundTruthData\":{\"data\":\"" + SPECIES[label]
            + "\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"" + id(i) + "\"},\"eventVersion\":\"0\"}\n");
      }
    }
    Files.writeString(out.resolve("constraints.json"), "{\"version\": 0.0, \"multiclass_classification_constraints\":"
        + " {\"accuracy\": {\"threshold\": 0.95, \"comparison_operator\": \"LessThanThreshold\"}},"
        + " \"classes\": [\"Adelie\", \"Chinstrap\", \"Gentoo\"], \"baseline_accuracy\": 0.98, \"accuracy_tolerance\": 0.03}\n");
  }

  /** A request body as captured: its content type, SageMaker's encoding name, and the (escaped) data. */
  private record Body(String contentType, String encoding, String data) {}

  /**
   * One capture line: record {@code i} of {@code n}, its inference time spread evenly over the hour.
   *
   * @param output the endpoint's CSV answer (escaped)
   * @param inferenceId the id labels join on, or null for none
   */
  private static void captureLine(Writer w, Body input, String output, int i, String inferenceId, int n)
      throws IOException {
    w.write("{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"" + input.contentType()
        + "\",\"mode\":\"INPUT\",\"data\":\"");
    w.write(input.data());
    w.write("\",\"encoding\":\"" + input.encoding() + "\"},\"endpointOutput\":{\"observedContentType\":"
        + "\"text/csv; charset=utf-8\",\"mode\":\"OUTPUT\",\"data\":\"");
    w.write(output);
    w.write("\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\"");
    w.write(String.format("00000000-0000-4000-8000-%012d", i));
    if (inferenceId != null) {
      w.write("\",\"inferenceId\":\"");
      w.write(inferenceId);
    }
    w.write("\",\"inferenceTime\":\"");
    w.write(START.plusMillis(i * 3_600_000L / n).toString());
    w.write("\"},\"eventVersion\":\"0\"}\n");
  }

  /** {@code <prefix>-000.jsonl}, {@code <prefix>-001.jsonl}, ... in one folder, 100,000 lines each. */
  private static final class JsonlFiles implements AutoCloseable {
    private final Path dir;
    private final String prefix;
    private BufferedWriter current;

    JsonlFiles(Path dir, String prefix) throws IOException {
      this.dir = Files.createDirectories(dir);
      this.prefix = prefix;
    }

    /** The writer for line {@code i}: a new file at every 100,000th. */
    Writer next(long i) throws IOException {
      if (i % RECORDS_PER_FILE == 0) {
        close();
        current = Files.newBufferedWriter(
            dir.resolve(String.format("%s-%03d.jsonl", prefix, i / RECORDS_PER_FILE)), StandardCharsets.UTF_8);
      }
      return current;
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
      }
    }
  }

  private static String id(int i) {
    return String.format("inf-%08x-%04x", i, (i * 2_654_435_761L) & 0xFFFF);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
