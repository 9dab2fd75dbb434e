package dev.rookery.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pipeline settings of {@code config/pipeline.json}: the one model every module reads them
 * through (local mode, the training container, the trigger Lambda and the CDK app), with one
 * validation and one set of defaults. The JSON Schema {@code config/pipeline.schema.json} describes
 * the same document for editors; {@code PipelineSchemaTest} fails when the two disagree.
 *
 * <pre>{@code
 * PipelineSettings settings = PipelineSettings.load(Path.of("config/pipeline.json"));
 * PipelineSettings prod = settings.withOverrides("{\"approval\": \"manual\"}", "cdk.json environments.prod.pipeline");
 * String complete = prod.toJson(); // every field, defaults filled in: what the state machines read
 * }</pre>
 *
 * <p>A field left out of the file takes its default ({@code DEFAULT_*} below); only
 * {@code format_version} and {@code target} are required. Keys the model does not know are
 * errors, so a misspelt setting cannot be ignored silently.
 *
 * @param formatVersion {@code format_version}: must be {@value #FORMAT_VERSION}; required
 * @param target {@code target}: the label column; required
 * @param requiredColumns {@code required_columns}: further columns an uploaded CSV's header must
 *     hold; default none
 * @param seed {@code seed}: seed of the split and the tuning sampler; default {@value #DEFAULT_SEED}
 * @param split {@code split}: fractions of the stratified split; default {@link SplitFractions#DEFAULT}
 * @param staticHyperparameters {@code static_hyperparameters}: fixed for every trial, strings as
 *     SageMaker takes them; default none
 * @param tuning {@code tuning}: see {@link TuningSettings}
 * @param gate {@code gate}: see {@link GateSettings}
 * @param approval {@code approval}: {@code auto} or {@code manual}; default {@code auto}
 *     ({@link #DEFAULT_APPROVAL})
 * @param capturePercent {@code capture_percent}: share of endpoint requests captured for the drift
 *     monitor, 0 to 100; default {@value #DEFAULT_CAPTURE_PERCENT}
 * @param modelQuality {@code model_quality}: see {@link ModelQualitySettings}
 * @throws SettingsException listing every broken rule of the top-level fields
 */
public record PipelineSettings(
    int formatVersion,
    String target,
    List<String> requiredColumns,
    long seed,
    SplitFractions split,
    Map<String, String> staticHyperparameters,
    TuningSettings tuning,
    GateSettings gate,
    Approval approval,
    int capturePercent,
    ModelQualitySettings modelQuality) {

  /** The only {@code format_version} understood. */
  public static final int FORMAT_VERSION = 1;
  /** Default {@code seed}. */
  public static final long DEFAULT_SEED = 42;
  /** Default {@code tuning.objective.MetricName}: what the training container reports. */
  public static final String DEFAULT_OBJECTIVE_METRIC = "validation:accuracy";
  /** Default {@code tuning.objective.Type}. */
  public static final String DEFAULT_OBJECTIVE_TYPE = "Maximize";
  /** Default {@code tuning.strategy}. */
  public static final String DEFAULT_STRATEGY = "Random";
  /**
   * The values of the {@code algorithm} hyperparameter the training container knows (its
   * {@code Algorithm} enum is tested to match), checked here so a typo fails before any job.
   */
  public static final List<String> ALGORITHMS = List.of("logistic", "logistic_l2", "cart", "forest");
  /**
   * The most folds the {@code cv_folds} hyperparameter takes (the training container checks the
   * same bound): 20 folds already leave each held-out fold at 5 % of the rows, and every fold is a
   * full training, so more would only multiply the cost of each trial.
   */
  public static final int MAX_CV_FOLDS = 20;
  /** Default {@code tuning.max_jobs}. */
  public static final int DEFAULT_MAX_JOBS = 3;
  /** Default {@code tuning.max_parallel_jobs}. */
  public static final int DEFAULT_MAX_PARALLEL_JOBS = 3;
  /** Default {@code gate.accuracy_threshold}. */
  public static final double DEFAULT_ACCURACY_THRESHOLD = 0.9;
  /** Default {@code gate.must_beat_approved}. */
  public static final boolean DEFAULT_MUST_BEAT_APPROVED = false;
  /** Default {@code approval}. */
  public static final Approval DEFAULT_APPROVAL = Approval.AUTO;
  /** Default {@code capture_percent}. */
  public static final int DEFAULT_CAPTURE_PERCENT = 100;
  /** Default {@code model_quality.accuracy_tolerance}. */
  public static final double DEFAULT_ACCURACY_TOLERANCE = 0.05;
  /** Default {@code model_quality.min_joined_records}. */
  public static final int DEFAULT_MIN_JOINED_RECORDS = 30;
  /** Default {@code model_quality.label_offset}: none, labels are joined as soon as they arrive. */
  public static final java.time.Duration DEFAULT_LABEL_OFFSET = java.time.Duration.ZERO;

  /** Classpath location of the embedded copy of the repository's {@code config/pipeline.json}. */
  public static final String RESOURCE = "/rookery/pipeline.json";

  public PipelineSettings {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(tuning, "tuning");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(approval, "approval");
    Objects.requireNonNull(modelQuality, "modelQuality");
    requiredColumns = List.copyOf(requiredColumns);
    staticHyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(staticHyperparameters));
    List<Problem> problems = new ArrayList<>();
    if (formatVersion != FORMAT_VERSION) {
      problems.add(new Problem("format_version", "must be " + FORMAT_VERSION + ", found " + formatVersion));
    }
    if (target == null || target.isBlank()) {
      problems.add(new Problem("target", "must not be blank, found " + SettingsJson.describe(target)));
    }
    for (int i = 0; i < requiredColumns.size(); i++) {
      if (requiredColumns.get(i).isBlank()) {
        problems.add(new Problem("required_columns[" + i + "]", "must not be blank, found ''"));
      }
    }
    for (String name : staticHyperparameters.keySet()) {
      if (tuning.ranges().stream().anyMatch(r -> r.name().equals(name))) {
        problems.add(new Problem("static_hyperparameters." + name,
            "is also tuned in tuning.parameter_ranges (SageMaker rejects a hyperparameter that is both)"));
      }
    }
    String algorithm = staticHyperparameters.get("algorithm");
    if (algorithm != null && !ALGORITHMS.contains(algorithm)) {
      problems.add(new Problem("static_hyperparameters.algorithm", "must be one of " + ALGORITHMS + ", found "
          + SettingsJson.describe(algorithm)));
    }
    String cvFolds = staticHyperparameters.get("cv_folds");
    if (cvFolds != null && !validCvFolds(cvFolds)) {
      problems.add(new Problem("static_hyperparameters.cv_folds", "must be an integer in 1.." + MAX_CV_FOLDS
          + " (1: the validation split alone), found " + SettingsJson.describe(cvFolds)));
    }
    if (tuning.ranges().stream().anyMatch(r -> r.name().equals("cv_folds"))) {
      problems.add(new Problem("tuning.parameter_ranges", "must not tune cv_folds: it decides how every trial's"
          + " objective is measured, so trials measured differently could not be compared; set it in"
          + " static_hyperparameters"));
    }
    if (capturePercent < 0 || capturePercent > 100) {
      problems.add(new Problem("capture_percent", "must be between 0 and 100, found " + capturePercent));
    }
    if (!problems.isEmpty()) {
      throw new SettingsException("", problems);
    }
  }

  private static boolean validCvFolds(String value) {
    String v = value.strip();
    return v.matches("[0-9]{1,3}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= MAX_CV_FOLDS;
  }

  /**
   * Settings with every field at its default.
   *
   * @param target the label column (the one field without a default)
   * @return a builder to change more fields
   */
  public static Builder builder(String target) {
    return new Builder(target);
  }

  /** @return a builder holding these settings */
  public Builder toBuilder() {
    return builder(target).requiredColumns(requiredColumns).seed(seed).split(split)
        .staticHyperparameters(staticHyperparameters).tuning(tuning).gate(gate).approval(approval)
        .capturePercent(capturePercent).modelQuality(modelQuality);
  }

  /**
   * The settings embedded in the jar (the repository's {@code config/pipeline.json}).
   *
   * @throws IllegalStateException if the build left the resource out
   */
  public static PipelineSettings bundled() {
    try (InputStream in = PipelineSettings.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + RESOURCE + " is missing from the build");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read classpath resource " + RESOURCE, e);
    }
  }

  /**
   * Reads a {@code pipeline.json} file.
   *
   * @throws SettingsException naming the file, and every field at fault with its value and line
   */
  public static PipelineSettings load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new SettingsException(file.toString(), "cannot be read: " + e, e);
    }
    return parse(text, file.toString());
  }

  /**
   * Reads settings JSON.
   *
   * @param json the document
   * @param source what it is ({@code PIPELINE_SETTINGS}, a file name), for messages
   * @throws SettingsException naming the source, and every field at fault with its value
   */
  public static PipelineSettings parse(String json, String source) {
    return SettingsReader.read(SettingsJson.parse(json, source), source);
  }

  /**
   * These settings with some fields replaced, checked by the same rules as a file: the
   * per-environment {@code pipeline} block of {@code cdk.json}. Objects merge field by field,
   * anything else replaces; {@code null} resets a field to its default.
   *
   * @param json an object in the {@code pipeline.json} format, e.g. {@code {"capture_percent": 20}}
   * @param source where the overrides come from, for messages
   * @throws SettingsException naming the source and every field at fault
   */
  public PipelineSettings withOverrides(String json, String source) {
    SettingsJson.Document patch = SettingsJson.parse(json, source);
    if (!(patch.root() instanceof Map<?, ?>)) {
      throw new SettingsException(source, List.of(new Problem("",
          "must be a JSON object, found " + SettingsJson.describe(patch.root()))));
    }
    Object merged = merge(toJsonTree(), patch.root());
    return SettingsReader.read(new SettingsJson.Document(merged, patch.lines()), source);
  }

  @SuppressWarnings("unchecked")
  private static Object merge(Object base, Object patch) {
    if (!(patch instanceof Map<?, ?> patchObject) || !(base instanceof Map<?, ?>)) {
      return patch;
    }
    Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) base);
    for (Map.Entry<?, ?> e : patchObject.entrySet()) {
      String key = (String) e.getKey();
      if (e.getValue() == null) {
        result.remove(key);
      } else {
        result.put(key, merge(result.get(key), e.getValue()));
      }
    }
    return result;
  }

  /**
   * The complete settings as compact JSON: every field, defaults filled in, in the file's order.
   * The CDK app passes this to the trigger ({@code PIPELINE_SETTINGS}), which passes it to the
   * pipeline state machine, so the states never meet a missing field.
   */
  public String toJson() {
    return SettingsJson.write(toJsonTree());
  }

  private Map<String, Object> toJsonTree() {
    return object(
        "format_version", formatVersion,
        "target", target,
        "required_columns", requiredColumns,
        "seed", seed,
        "split", split.toJson(),
        "static_hyperparameters", new LinkedHashMap<String, Object>(staticHyperparameters),
        "tuning", tuning.toJson(),
        "gate", gate.toJson(),
        "approval", approval.jsonName(),
        "capture_percent", capturePercent,
        "model_quality", modelQuality.toJson());
  }

  /** A JSON object of alternating keys and values, in that order. */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  /** Builds settings from the defaults; {@link #build()} validates, reporting every problem. */
  public static final class Builder {
    private String target;
    private List<String> requiredColumns = List.of();
    private long seed = DEFAULT_SEED;
    private SplitFractions split = SplitFractions.DEFAULT;
    private Map<String, String> staticHyperparameters = Map.of();
    private TuningSettings tuning = TuningSettings.DEFAULT;
    private GateSettings gate = GateSettings.DEFAULT;
    private Approval approval = DEFAULT_APPROVAL;
    private int capturePercent = DEFAULT_CAPTURE_PERCENT;
    private ModelQualitySettings modelQuality = ModelQualitySettings.DEFAULT;

    private Builder(String target) {
      this.target = target;
    }

    /** @param value the label column */
    public Builder target(String value) {
      target = value;
      return this;
    }

    /** @param value columns the header must hold besides the target; default none */
    public Builder requiredColumns(List<String> value) {
      requiredColumns = value;
      return this;
    }

    /** @param value seed of the split and the sampler; default {@value PipelineSettings#DEFAULT_SEED} */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** @param value split fractions; default {@link SplitFractions#DEFAULT} */
    public Builder split(SplitFractions value) {
      split = value;
      return this;
    }

    /** @param value hyperparameters fixed for every trial; default none */
    public Builder staticHyperparameters(Map<String, String> value) {
      staticHyperparameters = value;
      return this;
    }

    /** @param value the tuning; default {@link TuningSettings#DEFAULT} */
    public Builder tuning(TuningSettings value) {
      tuning = value;
      return this;
    }

    /** @param value the gate; default {@link GateSettings#DEFAULT} */
    public Builder gate(GateSettings value) {
      gate = value;
      return this;
    }

    /** @param value approval; default {@link PipelineSettings#DEFAULT_APPROVAL} */
    public Builder approval(Approval value) {
      approval = value;
      return this;
    }

    /** @param value capture percentage; default {@value PipelineSettings#DEFAULT_CAPTURE_PERCENT} */
    public Builder capturePercent(int value) {
      capturePercent = value;
      return this;
    }

    /** @param value the model-quality monitor; default {@link ModelQualitySettings#DEFAULT} */
    public Builder modelQuality(ModelQualitySettings value) {
      modelQuality = value;
      return this;
    }

    /**
     * @return the settings
     * @throws SettingsException listing every broken rule
     */
    public PipelineSettings build() {
      return new PipelineSettings(FORMAT_VERSION, target, requiredColumns, seed,
          split, staticHyperparameters, tuning, gate, approval, capturePercent, modelQuality);
    }
  }
}
