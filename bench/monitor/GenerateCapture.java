import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * Writes N SageMaker data capture records (JSON encoded, penguins-like values, seeded) into
 * {@code <out>/penguins-endpoint/AllTraffic/yyyy/mm/dd/hh/capture-<i>.jsonl}, 100,000 per file,
 * all inside the hour starting at 2024-05-01T10:00:00Z.
 *
 * <p>Usage: {@code java GenerateCapture.java <out-dir> [records=1000000] [seed=42]}
 */
public class GenerateCapture {
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    long n = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
    Path dir = out.resolve("penguins-endpoint/AllTraffic/2024/05/01/10");
    Files.createDirectories(dir);
    Random r = new Random(seed);
    String[] islands = {"Biscoe", "Dream", "Torgersen"};
    String[] species = {"Adelie", "Chinstrap", "Gentoo"};
    Instant start = Instant.parse("2024-05-01T10:00:00Z");
    BufferedWriter w = null;
    StringBuilder sb = new StringBuilder(512);
    for (long i = 0; i < n; i++) {
      if (i % 100_000 == 0) {
        if (w != null) {
          w.close();
        }
        w = Files.newBufferedWriter(dir.resolve(String.format("capture-%03d.jsonl", i / 100_000)), StandardCharsets.UTF_8);
      }
      int s = r.nextInt(3);
      sb.setLength(0);
      sb.append("{\\\"island\\\":\\\"").append(islands[s == 2 ? 0 : r.nextInt(3)]).append("\\\",")
          .append("\\\"bill_length_mm\\\":").append(String.format(Locale.ROOT, "%.1f", 39 + 5 * s + 3 * r.nextGaussian())).append(',')
          .append("\\\"bill_depth_mm\\\":").append(String.format(Locale.ROOT, "%.1f", 18 - 1.5 * s + r.nextGaussian())).append(',')
          .append("\\\"flipper_length_mm\\\":").append(Math.round(190 + 10 * s + 6 * r.nextGaussian())).append(',')
          .append("\\\"body_mass_g\\\":").append(Math.round(3700 + 600 * s + 400 * r.nextGaussian())).append(',')
          .append("\\\"sex\\\":").append(r.nextInt(30) == 0 ? "null" : r.nextBoolean() ? "\\\"male\\\"" : "\\\"female\\\"").append(',')
          .append("\\\"year\\\":").append(2007 + r.nextInt(3)).append('}');
      String time = start.plusMillis(i * 3600_000L / n).toString();
      w.write("{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"application/json\",\"mode\":\"INPUT\",\"data\":\"");
      w.write(sb.toString());
      w.write("\",\"encoding\":\"JSON\"},\"endpointOutput\":{\"observedContentType\":\"text/csv; charset=utf-8\",\"mode\":\"OUTPUT\",\"data\":\"");
      w.write(species[s]);
      w.write("\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\"");
      w.write(String.format("00000000-0000-4000-8000-%012d", i));
      w.write("\",\"inferenceTime\":\"");
      w.write(time);
      w.write("\"},\"eventVersion\":\"0\"}\n");
    }
    if (w != null) {
      w.close();
    }
  }
}
