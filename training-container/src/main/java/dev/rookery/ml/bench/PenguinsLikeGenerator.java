package dev.rookery.ml.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a large penguins-like CSV (same header, species-conditional Gaussian measurements close
 * to the real per-species means, islands and sexes, about 1% {@code NA}), seeded.
 *
 * <pre>
 * java -cp rookery-container.jar dev.rookery.ml.bench.PenguinsLikeGenerator out.csv 1000000 42
 * </pre>
 */
public final class PenguinsLikeGenerator {
  private static final String[] SPECIES = {"Adelie", "Chinstrap", "Gentoo"};
  private static final double[] SPECIES_WEIGHT = {0.44, 0.20, 0.36};
  // mean, std per species: bill_length, bill_depth, flipper_length, body_mass
  private static final double[][][] MEASURES = {
    {{38.8, 2.7}, {18.3, 1.2}, {190, 6.5}, {3700, 460}},
    {{48.8, 3.3}, {18.4, 1.1}, {196, 7.1}, {3733, 384}},
    {{47.5, 3.1}, {15.0, 1.0}, {217, 6.5}, {5076, 504}},
  };
  private static final String[][] ISLANDS = {{"Biscoe", "Dream", "Torgersen"}, {"Dream"}, {"Biscoe"}};

  private PenguinsLikeGenerator() {}

  /** Writes {@code rows} rows to {@code file}. */
  public static void write(Path file, long rows, long seed) throws IOException {
    Random random = new Random(seed);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n");
      StringBuilder sb = new StringBuilder(128);
      for (long r = 0; r < rows; r++) {
        double u = random.nextDouble();
        int s = u < SPECIES_WEIGHT[0] ? 0 : u < SPECIES_WEIGHT[0] + SPECIES_WEIGHT[1] ? 1 : 2;
        sb.setLength(0);
        sb.append(SPECIES[s]).append(',').append(ISLANDS[s][random.nextInt(ISLANDS[s].length)]);
        for (int m = 0; m < 4; m++) {
          sb.append(',');
          if (random.nextDouble() < 0.01) {
            sb.append("NA");
          } else {
            double v = MEASURES[s][m][0] + MEASURES[s][m][1] * random.nextGaussian();
            sb.append(m < 2 ? String.format(Locale.ROOT, "%.1f", v) : Long.toString(Math.round(v)));
          }
        }
        sb.append(',').append(random.nextDouble() < 0.03 ? "NA" : random.nextBoolean() ? "male" : "female");
        sb.append(',').append(2007 + random.nextInt(3)).append('\n');
        w.append(sb);
      }
    }
  }

  /** {@code <out.csv> [rows=1000000] [seed=42]}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: PenguinsLikeGenerator <out.csv> [rows] [seed]");
      System.exit(2);
    }
    write(Path.of(args[0]), args.length > 1 ? Long.parseLong(args[1]) : 1_000_000, args.length > 2 ? Long.parseLong(args[2]) : 42);
  }
}
