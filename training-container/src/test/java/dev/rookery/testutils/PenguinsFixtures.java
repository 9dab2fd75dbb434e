package dev.rookery.testutils;

import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The embedded penguins data ({@code /datasets/penguins.csv}) split for tests: stratified by
 * species, seeded, 70/15/15. A small stand-in for the core's splitter, so the statistics and monitor
 * tests do not depend on its branch.
 */
public final class PenguinsFixtures {
  /** Feature order of the embedded data (header order, target removed). */
  public static final List<String> FEATURES =
      List.of("island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year");

  private static final List<String> NUMERIC =
      List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year");

  private PenguinsFixtures() {}

  /** The penguins schema. */
  public static Schema schema() {
    List<Feature> features = new ArrayList<>();
    for (String f : FEATURES) {
      features.add(new Feature(f, NUMERIC.contains(f) ? FeatureType.NUMERIC : FeatureType.CATEGORICAL));
    }
    return new Schema(Schema.FORMAT_VERSION, "species", features, List.of("Adelie", "Chinstrap", "Gentoo"));
  }

  /** A split: rows of raw feature values (schema order) and their labels. */
  public record Split(List<String[]> rows, List<String> labels) {}

  /** The train split (70 %). */
  public static Split train() {
    return splits().get(0);
  }

  /** The held-out test split (15 %). */
  public static Split test() {
    return splits().get(2);
  }

  /** Train, validation and test splits, stratified by species, seed 42. */
  public static List<Split> splits() {
    Map<String, List<String[]>> byClass = new TreeMap<>();
    for (CSVRecord r : records()) {
      String[] values = new String[FEATURES.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.get(FEATURES.get(i));
      }
      byClass.computeIfAbsent(r.get("species"), k -> new ArrayList<>()).add(values);
    }
    List<Split> splits = List.of(
        new Split(new ArrayList<>(), new ArrayList<>()),
        new Split(new ArrayList<>(), new ArrayList<>()),
        new Split(new ArrayList<>(), new ArrayList<>()));
    Random random = new Random(42);
    byClass.forEach((label, rows) -> {
      List<String[]> shuffled = new ArrayList<>(rows);
      java.util.Collections.shuffle(shuffled, random);
      int train = (int) Math.round(shuffled.size() * 0.70);
      int validation = (int) Math.round(shuffled.size() * 0.15);
      for (int i = 0; i < shuffled.size(); i++) {
        Split s = splits.get(i < train ? 0 : i < train + validation ? 1 : 2);
        s.rows().add(shuffled.get(i));
        s.labels().add(label);
      }
    });
    return splits;
  }

  private static List<CSVRecord> records() {
    try (InputStream in = PenguinsFixtures.class.getResourceAsStream("/datasets/penguins.csv")) {
      if (in == null) {
        throw new IllegalStateException("/datasets/penguins.csv is not on the classpath");
      }
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        return parser.getRecords();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies rows so a test may change them. */
  public static List<String[]> copy(List<String[]> rows) {
    return rows.stream().map(r -> Arrays.copyOf(r, r.length)).toList();
  }
}
