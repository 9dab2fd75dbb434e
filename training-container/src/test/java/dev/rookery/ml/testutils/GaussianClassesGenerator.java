package dev.rookery.ml.testutils;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a numeric-only classification CSV: {@code classes} classes, each a Gaussian blob with
 * its own centre in {@code features} dimensions (centres spaced so the classes are separable but
 * overlap a little), seeded. Header {@code label,x0,x1,...}; labels {@code c00, c01, ...}.
 */
public final class GaussianClassesGenerator {
  private GaussianClassesGenerator() {}

  /** Writes {@code rowsPerClass * classes} rows to {@code file}. */
  public static Path write(Path file, int classes, int features, int rowsPerClass, long seed) throws IOException {
    Random random = new Random(seed);
    double[][] centres = new double[classes][features];
    for (int c = 0; c < classes; c++) {
      for (int f = 0; f < features; f++) {
        centres[c][f] = random.nextDouble() * 20;
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("label");
      for (int f = 0; f < features; f++) {
        w.write(",x" + f);
      }
      w.write('\n');
      for (int r = 0; r < rowsPerClass; r++) {
        for (int c = 0; c < classes; c++) {
          w.write(String.format(Locale.ROOT, "c%02d", c));
          for (int f = 0; f < features; f++) {
            w.write(String.format(Locale.ROOT, ",%.4f", centres[c][f] + random.nextGaussian()));
          }
          w.write('\n');
        }
      }
    }
    return file;
  }
}
