package dev.rookery.ml.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.ml.exceptions.ArtifactFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline settings of {@code config/pipeline.json} (format in docs/architecture.md). The
 * repository's file is copied into the jar at build time ({@link #RESOURCE}), so {@link
 * #defaults()} works anywhere and there is one source.
 *
 * <pre>{@code
 * PipelineSettings settings = PipelineSettings.load(Path.of("config/pipeline.json"));
 * PipelineSettings defaults = PipelineSettings.defaults();
 * }</pre>
 *
 * @param formatVersion {@code format_version}, must be 1
 * @param target target column, default {@code species}
 * @param seed seed of the split (and the tuning sampler)
 * @param split split fractions
 * @param staticHyperparameters hyperparameters fixed for every trial (strings, SageMaker style)
 * @param tuning tuning settings
 * @param accuracyThreshold gate: minimum test accuracy to register a model
 * @param mustBeatApproved gate: the new model must not be worse than the approved one
 * @param approval {@code auto} or {@code manual}
 * @param capturePercent data capture sampling percentage, 0..100
 */
public record PipelineSettings(
    int formatVersion,
    String target,
    long seed,
    SplitFractions split,
    Map<String, String> staticHyperparameters,
    TuningSettings tuning,
    double accuracyThreshold,
    boolean mustBeatApproved,
    String approval,
    int capturePercent) {

  /** Classpath location of the embedded copy of {@code config/pipeline.json}. */
  public static final String RESOURCE = "/rookery/pipeline.json";

  /** The only {@code format_version} understood. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public PipelineSettings {
    staticHyperparameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(staticHyperparameters));
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("format_version must be " + FORMAT_VERSION + ", found " + formatVersion);
    }
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("target must not be blank, found '" + target + "'");
    }
    if (!(accuracyThreshold >= 0 && accuracyThreshold <= 1)) {
      throw new IllegalArgumentException("gate.accuracy_threshold must be in [0, 1], found " + accuracyThreshold);
    }
    if (!"auto".equals(approval) && !"manual".equals(approval)) {
      throw new IllegalArgumentException("approval must be auto or manual, found '" + approval + "'");
    }
    if (capturePercent < 0 || capturePercent > 100) {
      throw new IllegalArgumentException("capture_percent must be in [0, 100], found " + capturePercent);
    }
  }

  /** The settings embedded in the jar (the repository's {@code config/pipeline.json}). */
  public static PipelineSettings defaults() {
    try (InputStream in = PipelineSettings.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new ArtifactFormatException("classpath resource " + RESOURCE + " is missing from the build");
      }
      return fromJson(MAPPER.readTree(in), "classpath:" + RESOURCE);
    } catch (IOException e) {
      throw new ArtifactFormatException("cannot read classpath resource " + RESOURCE, e);
    }
  }

  /** Reads a {@code pipeline.json} file. */
  public static PipelineSettings load(Path file) {
    try {
      return fromJson(MAPPER.readTree(Files.readString(file)), file.toString());
    } catch (IOException e) {
      throw new ArtifactFormatException("cannot read pipeline settings " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the settings tree.
   *
   * @param source where the JSON came from, for messages
   * @throws ArtifactFormatException naming the source and the field at fault
   */
  public static PipelineSettings fromJson(JsonNode root, String source) {
    try {
      JsonNode split = required(root, "split");
      Map<String, String> statics = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = root.path("static_hyperparameters").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        statics.put(e.getKey(), e.getValue().asText());
      }
      JsonNode tuning = required(root, "tuning");
      JsonNode gate = root.path("gate");
      return new PipelineSettings(
          required(root, "format_version").asInt(-1),
          required(root, "target").asText(),
          root.path("seed").asLong(42),
          new SplitFractions(
              required(split, "train").asDouble(), required(split, "validation").asDouble(), required(split, "test").asDouble()),
          statics,
          new TuningSettings(
              tuning.path("objective").path("MetricName").asText("validation:accuracy"),
              tuning.path("objective").path("Type").asText("Maximize"),
              tuning.path("strategy").asText("Random"),
              tuning.path("max_jobs").asInt(3),
              tuning.path("max_parallel_jobs").asInt(3),
              ranges(tuning.path("parameter_ranges"))),
          gate.path("accuracy_threshold").asDouble(0.9),
          gate.path("must_beat_approved").asBoolean(false),
          root.path("approval").asText("auto"),
          root.path("capture_percent").asInt(100));
    } catch (IllegalArgumentException e) {
      throw new ArtifactFormatException(source + ": " + e.getMessage(), e);
    }
  }

  private static List<ParameterRange> ranges(JsonNode node) {
    List<ParameterRange> ranges = new ArrayList<>();
    for (JsonNode r : node.path("ContinuousParameterRanges")) {
      String name = required(r, "Name").asText();
      ranges.add(new ParameterRange.Continuous(
          name, number(r, name, "MinValue"), number(r, name, "MaxValue"),
          ParameterRange.Scaling.parse(name, r.path("ScalingType").asText(null))));
    }
    for (JsonNode r : node.path("IntegerParameterRanges")) {
      String name = required(r, "Name").asText();
      ranges.add(new ParameterRange.IntegerRange(
          name, (long) number(r, name, "MinValue"), (long) number(r, name, "MaxValue"),
          ParameterRange.Scaling.parse(name, r.path("ScalingType").asText(null))));
    }
    for (JsonNode r : node.path("CategoricalParameterRanges")) {
      String name = required(r, "Name").asText();
      List<String> values = new ArrayList<>();
      required(r, "Values").forEach(v -> values.add(v.asText()));
      ranges.add(new ParameterRange.Categorical(name, values));
    }
    return ranges;
  }

  private static double number(JsonNode range, String name, String field) {
    String text = required(range, field).asText();
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("range '" + name + "': " + field + " must be a number, found '" + text + "'", e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return value;
  }
}
