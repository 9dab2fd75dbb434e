package dev.rookery.testutils;

import dev.rookery.ml.evaluate.Evaluator;
import dev.rookery.ml.evaluate.ModelQualityFiles;
import dev.rookery.monitor.GroundTruth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Captured predictions and their ground-truth labels for the model-quality job's tests: capture
 * lines as {@link CaptureFixtures} writes them (joined on {@code eventId}, as records without an
 * inference id are), ground truth in Model Monitor's format ({@link GroundTruth#line}).
 */
public final class QualityFixtures {
  /** The penguins' classes. */
  public static final List<String> CLASSES = List.of("Adelie", "Chinstrap", "Gentoo");
  /** Where the capture records' times start. */
  public static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

  private QualityFixtures() {}

  /** One captured prediction and its true label. */
  public record Pair(int id, String actual, String predicted, Instant time) {
    /** The join key: {@link CaptureFixtures#line}'s {@code eventId}. */
    public String eventId() {
      return String.format("00000000-0000-0000-0000-%012d", id);
    }
  }

  /** The ten pairs whose metrics are worked out by hand in the tests (accuracy 0.7). */
  public static List<Pair> tenByHand() {
    String[][] ap = {{"Adelie", "Adelie"}, {"Adelie", "Adelie"}, {"Adelie", "Chinstrap"}, {"Chinstrap", "Chinstrap"},
        {"Chinstrap", "Adelie"}, {"Gentoo", "Gentoo"}, {"Gentoo", "Gentoo"}, {"Gentoo", "Gentoo"},
        {"Gentoo", "Chinstrap"}, {"Adelie", "Adelie"}};
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < ap.length; i++) {
      // the first five in hour 10, the rest in hour 11
      pairs.add(new Pair(i, ap[i][0], ap[i][1], START.plusSeconds(i < 5 ? 60L * i : 3600 + 60L * i)));
    }
    return pairs;
  }

  /** Writes the capture lines of the pairs under {@code root} (one file per hour). */
  public static void writeCapture(Path root, List<Pair> pairs) {
    java.util.Map<Instant, List<String>> byHour = new java.util.TreeMap<>();
    for (Pair p : pairs) {
      byHour.computeIfAbsent(p.time().truncatedTo(java.time.temporal.ChronoUnit.HOURS), h -> new ArrayList<>())
          .add(CaptureFixtures.line(CaptureFixtures.Encoding.CSV, "Biscoe,46.1,13.2,211,4500,female,2007", null,
              p.predicted() + ",0.9\n", p.time(), p.id()));
    }
    byHour.forEach((hour, lines) -> CaptureFixtures.write(root, hour, "capture.jsonl", lines));
  }

  /** Ground-truth lines of the pairs' true labels. */
  public static List<String> labelLines(List<Pair> pairs) {
    List<String> lines = new ArrayList<>();
    for (Pair p : pairs) {
      lines.add(GroundTruth.line(p.eventId(), p.actual()).strip());
    }
    return lines;
  }

  /** Writes lines (each with a newline) to {@code file}, creating its folder. */
  public static Path writeLines(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a baseline evaluated on {@code pairs} (accuracy threshold = its accuracy minus
   * {@code tolerance}) into {@code dir/model-quality} and returns its constraints file.
   */
  public static Path writeBaseline(Path dir, List<Pair> pairs, double tolerance) {
    int[] actual = new int[pairs.size()];
    int[] predicted = new int[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      actual[i] = CLASSES.indexOf(pairs.get(i).actual());
      predicted[i] = CLASSES.indexOf(pairs.get(i).predicted());
    }
    try {
      return ModelQualityFiles.writeBaseline(Evaluator.of(CLASSES, actual, predicted), tolerance, START, dir)
          .resolve(ModelQualityFiles.CONSTRAINTS_FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
