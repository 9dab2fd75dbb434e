package dev.rookery.ml.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.ml.dataset.Values;
import dev.rookery.ml.exceptions.ArtifactFormatException;
import dev.rookery.ml.predict.InvalidRecordException;
import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import dev.rookery.ml.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fitted preprocessing, the single source of truth for turning raw feature values into the
 * model's numeric vector at training, evaluation and serving time.
 *
 * <ul>
 *   <li>numeric feature: missing values become the training mean, then {@code (x - mean) / std}
 *       (population standard deviation; 1 when the column is constant) — one output column named
 *       after the feature; a value more than {@value #MAX_STANDARD_SCORE} standard deviations from
 *       the mean is refused (such as {@code 1e308}: the linear model's scores would overflow to
 *       infinities and its softmax to NaN, leaving no class to predict);
 *   <li>categorical feature: a one-hot column {@code name=category} per training category
 *       (sorted); an unseen category gives all zeros. A missing value is its own category, one
 *       more column {@code name=(missing)} ({@link #MISSING}), when the training split had
 *       missing values in that column (missingness often says something: a linear model on the
 *       benchmark's loan table loses 2 points when it is imputed away); otherwise, and in
 *       transformers written before format 2, it becomes the most frequent training category.
 * </ul>
 *
 * Persisted as {@code transformer.json} (format {@link #FORMAT_VERSION}; format 1, without
 * {@code missing_column}, is still read, and still written when no feature has a missing column,
 * so a transformer that older code can serve stays readable by it):
 *
 * <pre>{@code
 * {"format_version": 1,
 *  "features": [{"name": "island", "type": "categorical", "most_frequent": "Biscoe", "categories": ["Biscoe", "Dream", "Torgersen"]},
 *               {"name": "bill_length_mm", "type": "numeric", "mean": 43.9, "std": 5.4}],
 *  "output_features": ["island=Biscoe", "island=Dream", "island=Torgersen", "bill_length_mm"]}
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class Transformer {
  /** Current version of {@code transformer.json}: 2 added {@code missing_column}. */
  public static final int FORMAT_VERSION = 2;

  /** The category name of the missing-value column: {@code sex=(missing)}. */
  public static final String MISSING = "(missing)";

  /** File name wherever a transformer is persisted (split directories, model artifact). */
  public static final String FILE_NAME = "transformer.json";

  /**
   * The largest distance from the training mean, in standard deviations, that a numeric value may
   * have. Far beyond anything real (a penguin 1,000,000 standard deviations heavy), and small
   * enough that a linear model's weighted sum over every feature stays far from overflow.
   */
  public static final double MAX_STANDARD_SCORE = 1e6;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One fitted raw feature. */
  public sealed interface Step permits NumericStep, CategoricalStep {
    /** Raw feature name. */
    String name();
  }

  /**
   * @param name raw feature name
   * @param mean training mean (imputation value)
   * @param std training standard deviation, &gt; 0
   */
  public record NumericStep(String name, double mean, double std) implements Step {
    public NumericStep {
      if (!(std > 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
        throw new IllegalArgumentException(
            "numeric step '" + name + "' needs a finite mean and std > 0, found mean " + mean + ", std " + std);
      }
    }
  }

  /**
   * @param name raw feature name
   * @param mostFrequent imputation value, {@code null} when the column had no value in training
   * @param categories training categories, sorted, one output column each
   * @param missingColumn whether a missing value has its own output column, after the categories
   */
  public record CategoricalStep(String name, String mostFrequent, List<String> categories, boolean missingColumn)
      implements Step {
    public CategoricalStep {
      categories = List.copyOf(categories);
      if (missingColumn && categories.contains(MISSING)) {
        throw new IllegalArgumentException("categorical step '" + name + "' has a category named " + MISSING
            + " and a missing column of the same name");
      }
    }

    /** A step that imputes missing values with {@code mostFrequent} (format 1). */
    public CategoricalStep(String name, String mostFrequent, List<String> categories) {
      this(name, mostFrequent, categories, false);
    }
  }

  private final List<Step> steps;
  private final String[] outputNames;
  private final int[] offsets;
  private final List<Map<String, Integer>> categoryIndex;

  /** Builds a transformer from fitted steps, in the schema's canonical feature order. */
  public Transformer(List<Step> steps) {
    this.steps = List.copyOf(steps);
    this.offsets = new int[steps.size()];
    this.categoryIndex = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      offsets[i] = names.size();
      Step step = steps.get(i);
      Map<String, Integer> index = new HashMap<>();
      if (step instanceof NumericStep) {
        names.add(step.name());
      } else if (step instanceof CategoricalStep c) {
        for (String category : c.categories()) {
          index.put(category, names.size() - offsets[i]);
          names.add(step.name() + "=" + category);
        }
        if (c.missingColumn()) {
          names.add(step.name() + "=" + MISSING);
        }
      }
      categoryIndex.add(index);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a transformer needs at least one output feature, found none");
    }
    this.outputNames = names.toArray(String[]::new);
  }

  /**
   * Fits the transformer on training rows.
   *
   * @param schema the schema (feature order and types)
   * @param rows raw feature values in canonical order
   */
  public static Transformer fit(Schema schema, Iterable<String[]> rows) {
    int n = schema.features().size();
    double[] sum = new double[n];
    double[] sumSq = new double[n];
    long[] count = new long[n];
    long[] missing = new long[n];
    List<Map<String, Long>> categoryCounts = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      categoryCounts.add(new TreeMap<>());
    }
    // Two sums are enough here: values are raw measurements, and a shifted pass below keeps
    // precision (we subtract the first value seen as an offset).
    double[] shift = new double[n];
    boolean[] shifted = new boolean[n];
    for (String[] row : rows) {
      for (int f = 0; f < n; f++) {
        String value = row[f];
        if (Values.isMissing(value)) {
          missing[f]++;
          continue;
        }
        if (schema.features().get(f).type() == FeatureType.NUMERIC) {
          double x = Values.parseNumber(value);
          if (!shifted[f]) {
            shift[f] = x;
            shifted[f] = true;
          }
          double d = x - shift[f];
          sum[f] += d;
          sumSq[f] += d * d;
          count[f]++;
        } else {
          categoryCounts.get(f).merge(value, 1L, Long::sum);
        }
      }
    }
    List<Step> steps = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      Feature feature = schema.features().get(f);
      if (feature.type() == FeatureType.NUMERIC) {
        double mean = count[f] == 0 ? 0 : sum[f] / count[f];
        double variance = count[f] == 0 ? 0 : Math.max(0, sumSq[f] / count[f] - mean * mean);
        double std = Math.sqrt(variance);
        steps.add(new NumericStep(feature.name(), mean + shift[f], std > 1e-12 ? std : 1.0));
      } else {
        Map<String, Long> counts = categoryCounts.get(f);
        String best = null;
        long bestCount = -1;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
          if (e.getValue() > bestCount) { // TreeMap order: ties keep the smallest category
            best = e.getKey();
            bestCount = e.getValue();
          }
        }
        // A literal "(missing)" category keeps format 1's imputation rather than two columns of one name.
        boolean missingColumn = missing[f] > 0 && !counts.containsKey(MISSING);
        steps.add(new CategoricalStep(feature.name(), best, List.copyOf(counts.keySet()), missingColumn));
      }
    }
    return new Transformer(steps);
  }

  /** Fitted steps, one per raw feature in canonical order. */
  public List<Step> steps() {
    return steps;
  }

  /** Names of the output columns (a copy). */
  public String[] outputNames() {
    return outputNames.clone();
  }

  /** Number of output columns. */
  public int width() {
    return outputNames.length;
  }

  /**
   * Transforms one raw record.
   *
   * @param raw raw values in canonical order ({@code null}, blank or {@code NA} = missing)
   * @return a new array of {@link #width()} values
   * @throws InvalidRecordException when a numeric value is not a number, or more than {@link
   *     #MAX_STANDARD_SCORE} standard deviations from the training mean
   * @throws IllegalArgumentException when the record does not have one value per feature
   */
  public double[] transform(String[] raw) {
    double[] out = new double[outputNames.length];
    transform(raw, out);
    return out;
  }

  /** Same as {@link #transform(String[])}, into a caller-provided array (overwritten). */
  public void transform(String[] raw, double[] out) {
    if (raw.length != steps.size()) {
      throw new IllegalArgumentException(
          "a record needs " + steps.size() + " values (one per feature), found " + raw.length);
    }
    java.util.Arrays.fill(out, 0.0);
    for (int i = 0; i < raw.length; i++) {
      Step step = steps.get(i);
      String value = raw[i];
      if (step instanceof NumericStep s) {
        double x;
        if (Values.isMissing(value)) {
          x = s.mean();
        } else {
          x = Values.parseNumber(value);
          if (Double.isNaN(x)) {
            throw new InvalidRecordException(s.name(), value, "expected a finite number");
          }
        }
        double z = (x - s.mean()) / s.std();
        if (!(Math.abs(z) <= MAX_STANDARD_SCORE)) {
          throw new InvalidRecordException(s.name(), value, "out of range: more than " + (long) MAX_STANDARD_SCORE
              + " standard deviations from the training mean " + s.mean());
        }
        out[offsets[i]] = z;
      } else {
        CategoricalStep c = (CategoricalStep) step;
        if (Values.isMissing(value) && c.missingColumn()) {
          out[offsets[i] + c.categories().size()] = 1.0;
          continue;
        }
        String v = Values.isMissing(value) ? c.mostFrequent() : value;
        Integer k = v == null ? null : categoryIndex.get(i).get(v);
        if (k != null) {
          out[offsets[i] + k] = 1.0;
        }
      }
    }
  }

  /** The transformer as JSON (see the class comment). */
  public ObjectNode toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    boolean anyMissingColumn = steps.stream().anyMatch(st -> st instanceof CategoricalStep c && c.missingColumn());
    root.put("format_version", anyMissingColumn ? FORMAT_VERSION : 1);
    ArrayNode features = root.putArray("features");
    for (Step step : steps) {
      ObjectNode f = features.addObject().put("name", step.name());
      if (step instanceof NumericStep s) {
        f.put("type", "numeric").put("mean", s.mean()).put("std", s.std());
      } else {
        CategoricalStep c = (CategoricalStep) step;
        f.put("type", "categorical").put("most_frequent", c.mostFrequent());
        ArrayNode categories = f.putArray("categories");
        c.categories().forEach(categories::add);
        if (c.missingColumn()) {
          f.put("missing_column", true);
        }
      }
    }
    ArrayNode out = root.putArray("output_features");
    for (String name : outputNames) {
      out.add(name);
    }
    return root;
  }

  /**
   * Parses {@code transformer.json}.
   *
   * @param source where the JSON came from, for messages
   * @throws ArtifactFormatException on an unknown version or a missing / wrong field
   */
  public static Transformer fromJson(JsonNode root, String source) {
    int version = root.path("format_version").asInt(-1);
    if (version != 1 && version != FORMAT_VERSION) {
      throw new ArtifactFormatException(
          source + ": format_version must be 1 or " + FORMAT_VERSION + ", found " + root.get("format_version"));
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode f : root.path("features")) {
      String name = f.path("name").asText(null);
      String type = f.path("type").asText("");
      if (name == null) {
        throw new ArtifactFormatException(source + ": a feature has no 'name'");
      }
      switch (type) {
        case "numeric" -> steps.add(new NumericStep(name, f.path("mean").asDouble(), f.path("std").asDouble()));
        case "categorical" -> {
          List<String> categories = new ArrayList<>();
          f.path("categories").forEach(c -> categories.add(c.asText()));
          JsonNode mf = f.get("most_frequent");
          steps.add(new CategoricalStep(name, mf == null || mf.isNull() ? null : mf.asText(), categories,
              version >= 2 && f.path("missing_column").asBoolean(false)));
        }
        default -> throw new ArtifactFormatException(
            source + ": feature '" + name + "' has type '" + type + "', expected numeric or categorical");
      }
    }
    return new Transformer(steps);
  }

  /** Writes {@code transformer.json}. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    MAPPER.writeValue(file.toFile(), toJson());
  }

  /** Reads {@code transformer.json}. */
  public static Transformer read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ArtifactFormatException("missing " + file);
    }
    return fromJson(MAPPER.readTree(file.toFile()), file.toString());
  }

  /** Checks that this transformer was fitted for the schema's features, in order. */
  public void requireMatches(Schema schema, String source) {
    List<String> names = steps.stream().map(Step::name).toList();
    if (!names.equals(schema.featureNames())) {
      throw new ArtifactFormatException(
          source + ": transformer features " + names + " do not match the schema's " + schema.featureNames());
    }
  }
}
