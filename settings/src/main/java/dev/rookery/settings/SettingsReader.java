package dev.rookery.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns a parsed settings document into {@link PipelineSettings}: checks each field's JSON type,
 * fills in the defaults, rejects unknown keys, and lets the records' constructors check the
 * ranges. Every problem is collected, with its path and line, and thrown as one
 * {@link SettingsException}.
 */
final class SettingsReader {
  /** A decimal number as SageMaker takes range bounds: {@code 0.05}, {@code 1e-3}, {@code -2}. */
  static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  /** A whole number. */
  static final Pattern WHOLE = Pattern.compile("-?[0-9]+");

  private static final Set<String> ROOT_KEYS = Set.of("$schema", "format_version", "target", "required_columns",
      "seed", "split", "static_hyperparameters", "tuning", "gate", "approval", "capture_percent",
      "model_quality");
  private static final Set<String> SPLIT_KEYS = Set.of("train", "validation", "test");
  private static final Set<String> TUNING_KEYS =
      Set.of("objective", "strategy", "max_jobs", "max_parallel_jobs", "parameter_ranges");
  private static final Set<String> OBJECTIVE_KEYS = Set.of("Type", "MetricName");
  private static final Set<String> GATE_KEYS = Set.of("accuracy_threshold", "must_beat_approved");
  private static final Set<String> MODEL_QUALITY_KEYS =
      Set.of("accuracy_tolerance", "min_joined_records", "label_offset");
  private static final Set<String> NUMERIC_RANGE_KEYS = Set.of("Name", "MinValue", "MaxValue", "ScalingType");
  private static final Set<String> CATEGORICAL_RANGE_KEYS = Set.of("Name", "Values");

  private final SettingsJson.Document document;
  private final List<Problem> problems = new ArrayList<>();

  private SettingsReader(SettingsJson.Document document) {
    this.document = document;
  }

  static PipelineSettings read(SettingsJson.Document document, String source) {
    return new SettingsReader(document).read(source);
  }

  private PipelineSettings read(String source) {
    if (!(document.root() instanceof Map<?, ?>)) {
      throw new SettingsException(source, List.of(new Problem("", "must be a JSON object, found "
          + SettingsJson.describe(document.root()))));
    }
    Map<String, Object> root = cast(document.root());
    known(root, "", ROOT_KEYS);
    Long formatVersion = integer(root, "format_version", "", null);
    String target = text(root, "target", "", null);
    List<String> requiredColumns = strings(root, "required_columns", "");
    Long seed = integer(root, "seed", "", PipelineSettings.DEFAULT_SEED);
    // No split: the default; a split block must give all three fractions (as the schema says).
    SplitFractions split = root.get("split") == null ? SplitFractions.DEFAULT : split(object(root, "split", ""));
    Map<String, String> statics = stringMap(object(root, "static_hyperparameters", ""), "static_hyperparameters");
    TuningSettings tuning = tuning(object(root, "tuning", ""));
    GateSettings gate = gate(object(root, "gate", ""));
    Approval approval = approval(root);
    Long capture = integer(root, "capture_percent", "", (long) PipelineSettings.DEFAULT_CAPTURE_PERCENT);
    ModelQualitySettings modelQuality = modelQuality(object(root, "model_quality", ""));
    PipelineSettings settings = part("", () -> new PipelineSettings(
        formatVersion == null ? PipelineSettings.FORMAT_VERSION : clamp(formatVersion),
        target == null ? "-" : target,
        requiredColumns == null ? List.of() : requiredColumns,
        seed == null ? 0 : seed,
        split == null ? SplitFractions.DEFAULT : split,
        statics == null ? Map.of() : statics,
        tuning == null ? TuningSettings.DEFAULT : tuning,
        gate == null ? GateSettings.DEFAULT : gate,
        approval == null ? Approval.AUTO : approval,
        capture == null ? 0 : clamp(capture),
        modelQuality == null ? ModelQualitySettings.DEFAULT : modelQuality));
    if (!problems.isEmpty()) {
      throw new SettingsException(source, problems.stream()
          .map(p -> new Problem(p.path(), p.message(), lineOf(p.path())))
          .distinct()
          .toList());
    }
    return settings;
  }

  private SplitFractions split(Map<String, Object> split) {
    if (split == null) {
      return null;
    }
    known(split, "split", SPLIT_KEYS);
    Double train = number(split, "train", "split", null);
    Double validation = number(split, "validation", "split", null);
    Double test = number(split, "test", "split", null);
    if (train == null || validation == null || test == null) {
      SplitFractions.problems(train, validation, test).forEach(p -> problems.add(p.under("split")));
      return null;
    }
    return part("split", () -> new SplitFractions(train, validation, test));
  }

  private TuningSettings tuning(Map<String, Object> tuning) {
    if (tuning == null) {
      return null;
    }
    known(tuning, "tuning", TUNING_KEYS);
    Map<String, Object> objective = object(tuning, "objective", "tuning");
    String metric = PipelineSettings.DEFAULT_OBJECTIVE_METRIC;
    String type = PipelineSettings.DEFAULT_OBJECTIVE_TYPE;
    if (objective != null) {
      known(objective, "tuning.objective", OBJECTIVE_KEYS);
      metric = text(objective, "MetricName", "tuning.objective", metric);
      type = text(objective, "Type", "tuning.objective", type);
    }
    String strategy = text(tuning, "strategy", "tuning", PipelineSettings.DEFAULT_STRATEGY);
    Long maxJobs = integer(tuning, "max_jobs", "tuning", (long) PipelineSettings.DEFAULT_MAX_JOBS);
    Long maxParallel = integer(tuning, "max_parallel_jobs", "tuning", (long) PipelineSettings.DEFAULT_MAX_PARALLEL_JOBS);
    List<ParameterRange> ranges = ranges(object(tuning, "parameter_ranges", "tuning"));
    if (metric == null || type == null || strategy == null || maxJobs == null || maxParallel == null || ranges == null) {
      return null;
    }
    String m = metric;
    String t = type;
    return part("tuning", () -> new TuningSettings(m, t, strategy, clamp(maxJobs), clamp(maxParallel), ranges));
  }

  private List<ParameterRange> ranges(Map<String, Object> node) {
    if (node == null) {
      return null;
    }
    known(node, "tuning.parameter_ranges", Set.copyOf(ParameterRange.KINDS));
    List<ParameterRange> ranges = new ArrayList<>();
    boolean complete = true;
    for (String kind : ParameterRange.KINDS) {
      String listPath = "tuning.parameter_ranges." + kind;
      Object list = node.get(kind);
      if (list == null) {
        continue;
      }
      if (!(list instanceof List<?> items)) {
        problems.add(new Problem(listPath, "must be an array, found " + SettingsJson.describe(list)));
        complete = false;
        continue;
      }
      for (int i = 0; i < items.size(); i++) {
        String path = listPath + "[" + i + "]";
        if (!(items.get(i) instanceof Map<?, ?>)) {
          problems.add(new Problem(path, "must be an object, found " + SettingsJson.describe(items.get(i))));
          complete = false;
          continue;
        }
        ParameterRange range = range(kind, cast(items.get(i)), path);
        complete &= range != null;
        if (range != null) {
          ranges.add(range);
        }
      }
    }
    return complete ? ranges : null;
  }

  private ParameterRange range(String kind, Map<String, Object> r, String path) {
    String name = text(r, "Name", path, null);
    if (kind.equals("CategoricalParameterRanges")) {
      known(r, path, CATEGORICAL_RANGE_KEYS);
      List<String> values = strings(r, "Values", path);
      if (r.get("Values") == null) {
        if (!r.containsKey("Values")) {
          problems.add(new Problem(path + ".Values", "is required, found none"));
        }
        return null;
      }
      return name == null || values == null ? null : part(path, () -> new ParameterRange.Categorical(name, values));
    }
    known(r, path, NUMERIC_RANGE_KEYS);
    boolean integer = kind.equals("IntegerParameterRanges");
    Pattern pattern = integer ? WHOLE : DECIMAL;
    String min = numberText(r, "MinValue", path, pattern, integer);
    String max = numberText(r, "MaxValue", path, pattern, integer);
    String scalingName = text(r, "ScalingType", path, "Auto");
    ParameterRange.Scaling scaling = null;
    if (scalingName != null) {
      scaling = ParameterRange.Scaling.of(scalingName);
      if (scaling == null) {
        problems.add(new Problem(path + ".ScalingType", "must be one of " + ParameterRange.Scaling.NAMES
            + ", found " + SettingsJson.describe(scalingName)));
      }
    }
    if (name == null || min == null || max == null || scaling == null) {
      return null;
    }
    ParameterRange.Scaling s = scaling;
    return integer
        ? part(path, () -> new ParameterRange.IntegerRange(name, Long.parseLong(min), Long.parseLong(max), s))
        : part(path, () -> new ParameterRange.Continuous(name, Double.parseDouble(min), Double.parseDouble(max), s));
  }

  private String numberText(Map<String, Object> r, String key, String path, Pattern pattern, boolean integer) {
    String text = text(r, key, path, null);
    if (text == null) {
      return null;
    }
    if (!pattern.matcher(text).matches()) {
      problems.add(new Problem(path + "." + key, "must be " + (integer ? "a whole number" : "a number")
          + " written as a string (SageMaker's format), found " + SettingsJson.describe(text)));
      return null;
    }
    return text;
  }

  private GateSettings gate(Map<String, Object> gate) {
    if (gate == null) {
      return null;
    }
    known(gate, "gate", GATE_KEYS);
    Double threshold = number(gate, "accuracy_threshold", "gate", PipelineSettings.DEFAULT_ACCURACY_THRESHOLD);
    Boolean mustBeat = bool(gate, "must_beat_approved", "gate", PipelineSettings.DEFAULT_MUST_BEAT_APPROVED);
    if (threshold == null || mustBeat == null) {
      return null;
    }
    return part("gate", () -> new GateSettings(threshold, mustBeat));
  }

  private ModelQualitySettings modelQuality(Map<String, Object> quality) {
    if (quality == null) {
      return null;
    }
    known(quality, "model_quality", MODEL_QUALITY_KEYS);
    Double tolerance = number(quality, "accuracy_tolerance", "model_quality", PipelineSettings.DEFAULT_ACCURACY_TOLERANCE);
    Long minJoined = integer(quality, "min_joined_records", "model_quality",
        (long) PipelineSettings.DEFAULT_MIN_JOINED_RECORDS);
    String offsetText = text(quality, "label_offset", "model_quality", PipelineSettings.DEFAULT_LABEL_OFFSET.toString());
    java.time.Duration offset = null;
    if (offsetText != null) {
      try {
        offset = ModelQualitySettings.parseOffset(offsetText);
      } catch (IllegalArgumentException e) {
        problems.add(new Problem("model_quality.label_offset", e.getMessage()));
      }
    }
    if (tolerance == null || minJoined == null || offset == null) {
      return null;
    }
    java.time.Duration labelOffset = offset;
    return part("model_quality", () -> new ModelQualitySettings(tolerance, clamp(minJoined), labelOffset));
  }

  private Approval approval(Map<String, Object> root) {
    String name = text(root, "approval", "", PipelineSettings.DEFAULT_APPROVAL.jsonName());
    if (name == null) {
      return null;
    }
    for (Approval a : Approval.values()) {
      if (a.jsonName().equals(name)) {
        return a;
      }
    }
    problems.add(new Problem("approval", "must be one of [auto, manual], found " + SettingsJson.describe(name)));
    return null;
  }

  // Typed field access: each records a problem and returns null instead of throwing.

  private static String at(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  private void known(Map<String, Object> object, String path, Set<String> keys) {
    for (String key : object.keySet()) {
      if (keys.contains(key) && object.get(key) == null) {
        // As in the schema: null is no value of any field; leaving the field out gives its default.
        problems.add(new Problem(at(path, key), "must not be null (leave it out for the default)"));
      } else if (!keys.contains(key)) {
        problems.add(new Problem(at(path, key), "is not a setting (known here: "
            + keys.stream().filter(k -> !k.startsWith("$")).sorted().toList() + ")"));
      }
    }
  }

  private Map<String, Object> object(Map<String, Object> parent, String key, String path) {
    Object v = parent.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?>)) {
      problems.add(new Problem(at(path, key), "must be an object, found " + SettingsJson.describe(v)));
      return null;
    }
    return cast(v);
  }

  private String text(Map<String, Object> parent, String key, String path, String fallback) {
    Object v = parent.get(key);
    if (v == null) {
      if (fallback == null && !parent.containsKey(key)) {
        problems.add(new Problem(at(path, key), "is required, found none"));
      }
      return fallback;
    }
    if (!(v instanceof String s)) {
      problems.add(new Problem(at(path, key), "must be a string, found " + SettingsJson.describe(v)));
      return null;
    }
    return s;
  }

  private Long integer(Map<String, Object> parent, String key, String path, Long fallback) {
    Object v = parent.get(key);
    if (v == null) {
      if (fallback == null && !parent.containsKey(key)) {
        problems.add(new Problem(at(path, key), "is required, found none"));
      }
      return fallback;
    }
    if (v instanceof Long || v instanceof Integer) {
      return ((Number) v).longValue();
    }
    // As in JSON Schema, 3.0 is a whole number; 3.5 and "3" are not.
    if (v instanceof java.math.BigDecimal d && d.stripTrailingZeros().scale() <= 0
        && d.abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
      return d.longValue();
    }
    if (v instanceof java.math.BigInteger) {
      problems.add(new Problem(at(path, key), "is too large, found " + SettingsJson.describe(v)));
      return null;
    }
    problems.add(new Problem(at(path, key), "must be a whole number, found " + SettingsJson.describe(v)));
    return null;
  }

  private Double number(Map<String, Object> parent, String key, String path, Double fallback) {
    Object v = parent.get(key);
    if (v == null) {
      if (fallback == null && !parent.containsKey(key)) {
        problems.add(new Problem(at(path, key), "is required, found none"));
      }
      return fallback;
    }
    if (!(v instanceof Number n)) {
      problems.add(new Problem(at(path, key), "must be a number, found " + SettingsJson.describe(v)));
      return null;
    }
    return n.doubleValue();
  }

  private Boolean bool(Map<String, Object> parent, String key, String path, Boolean fallback) {
    Object v = parent.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      problems.add(new Problem(at(path, key), "must be true or false, found " + SettingsJson.describe(v)));
      return null;
    }
    return b;
  }

  private List<String> strings(Map<String, Object> parent, String key, String path) {
    Object v = parent.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      problems.add(new Problem(at(path, key), "must be an array of strings, found " + SettingsJson.describe(v)));
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        problems.add(new Problem(at(path, key) + "[" + i + "]", "must be a string, found "
            + SettingsJson.describe(list.get(i))));
        return null;
      }
      values.add(s);
    }
    return values;
  }

  private Map<String, String> stringMap(Map<String, Object> object, String path) {
    if (object == null) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    boolean complete = true;
    for (Map.Entry<String, Object> e : object.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        problems.add(new Problem(at(path, e.getKey()), "must be a string (SageMaker hyperparameters are strings), found "
            + SettingsJson.describe(e.getValue())));
        complete = false;
      } else {
        values.put(e.getKey(), s);
      }
    }
    return complete ? values : null;
  }

  /** Runs a record's constructor, keeping its problems (paths under {@code path}) instead of throwing. */
  private <T> T part(String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (SettingsException e) {
      problems.addAll(path.isEmpty() ? e.problems() : e.under(path).problems());
      return null;
    }
  }

  /** The line of the value at {@code path}, else of the nearest enclosing value. */
  private int lineOf(String path) {
    String p = path;
    while (true) {
      int line = document.lineOf(p);
      if (line > 0 || p.isEmpty()) {
        return line;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
  }

  private static int clamp(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }
}
