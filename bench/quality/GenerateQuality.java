import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Writes N captured predictions and their N ground-truth labels (seeded) for the model-quality
 * benchmark: capture records as the inference server writes them (CSV input, {@code
 * prediction,confidence} output, an {@code inferenceId}) into
 * {@code <out>/capture/penguins-endpoint/AllTraffic/2024/05/01/10/capture-<i>.jsonl}, 100,000 per
 * file, inside the hour from 2024-05-01T10:00:00Z; labels in Model Monitor's ground-truth format
 * into {@code <out>/ground-truth/penguins-endpoint/2024/05/01/12/labels-<i>.jsonl}, in another order
 * (a label's file does not follow its prediction's), 90 % of them the predicted class; and the
 * model-quality baseline {@code <out>/constraints.json} (threshold 0.95: a violation).
 *
 * <p>Usage: {@code java GenerateQuality.java <out-dir> [records=1000000] [seed=42]}
 */
public class GenerateQuality {
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
    Path capture = out.resolve("capture/penguins-endpoint/AllTraffic/2024/05/01/10");
    Path labels = out.resolve("ground-truth/penguins-endpoint/2024/05/01/12");
    Files.createDirectories(capture);
    Files.createDirectories(labels);
    Random r = new Random(seed);
    String[] species = {"Adelie", "Chinstrap", "Gentoo"};
    String[] islands = {"Biscoe", "Dream", "Torgersen"};
    Instant start = Instant.parse("2024-05-01T10:00:00Z");
    byte[] predicted = new byte[n];
    BufferedWriter w = null;
    for (int i = 0; i < n; i++) {
      if (i % 100_000 == 0) {
        if (w != null) {
          w.close();
        }
        w = Files.newBufferedWriter(capture.resolve(String.format("capture-%03d.jsonl", i / 100_000)), StandardCharsets.UTF_8);
      }
      int s = r.nextInt(3);
      predicted[i] = (byte) s;
      w.write("{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\",\"data\":\"");
      w.write(islands[r.nextInt(3)] + "," + (39 + 5 * s) + ".1," + (18 - s) + ".2," + (190 + 10 * s) + "," + (3700 + 600 * s)
          + ",female,2008");
      w.write("\",\"encoding\":\"CSV\"},\"endpointOutput\":{\"observedContentType\":\"text/csv; charset=utf-8\",\"mode\":\"OUTPUT\",\"data\":\"");
      w.write(species[s] + ",0.91\\n");
      w.write("\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\"");
      w.write(String.format("00000000-0000-4000-8000-%012d", i));
      w.write("\",\"inferenceId\":\"");
      w.write(id(i));
      w.write("\",\"inferenceTime\":\"");
      w.write(start.plusMillis(i * 3_600_000L / n).toString());
      w.write("\"},\"eventVersion\":\"0\"}\n");
    }
    if (w != null) {
      w.close();
    }
    // labels in a stride order (coprime with n), so files do not mirror the capture's
    long stride = 7_919;
    while (gcd(stride, n) != 1) {
      stride += 2;
    }
    w = null;
    for (int k = 0; k < n; k++) {
      if (k % 100_000 == 0) {
        if (w != null) {
          w.close();
        }
        w = Files.newBufferedWriter(labels.resolve(String.format("labels-%03d.jsonl", k / 100_000)), StandardCharsets.UTF_8);
      }
      int i = (int) ((k * stride) % n);
      int label = r.nextDouble() < 0.9 ? predicted[i] : r.nextInt(3);
      w.write("{\"groundTruthData\":{\"data\":\"" + species[label] + "\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\""
          + id(i) + "\"},\"eventVersion\":\"0\"}\n");
    }
    if (w != null) {
      w.close();
    }
    Files.writeString(out.resolve("constraints.json"), "{\"version\": 0.0, \"multiclass_classification_constraints\":"
        + " {\"accuracy\": {\"threshold\": 0.95, \"comparison_operator\": \"LessThanThreshold\"}},"
        + " \"classes\": [\"Adelie\", \"Chinstrap\", \"Gentoo\"], \"baseline_accuracy\": 0.98, \"accuracy_tolerance\": 0.03}\n");
  }

  private static String id(int i) {
    return String.format("inf-%08x-%04x", i, (i * 2_654_435_761L) & 0xFFFF);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
