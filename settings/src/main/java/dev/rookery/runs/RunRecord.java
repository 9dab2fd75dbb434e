package dev.rookery.runs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.rookery.settings.PlainJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline run, as {@code run.json} holds it, the same locally ({@code .rookery/runs/<run-id>/run.json},
 * written by {@code rookery run}) and in the cloud ({@code runs/<execution>/run.json}, written by the
 * container's {@code evaluate} mode and completed by the register function): where the data came
 * from, what was tried, what won, what the gate compared, and which model version it became.
 *
 * <p>It lives in the settings module because that is the one module every reader and writer
 * depends on (local mode, the training container, and the Lambda functions, which carry no
 * databind), and because it embeds the settings document the run used. One writer ({@link #toJson})
 * and one reader ({@link #parse}), on Jackson's streaming core through {@link PlainJson}.
 *
 * @param runId the run id: the local run folder's name, or the pipeline execution name
 * @param startedAt when the run started
 * @param endedAt when the record was last completed (evaluation, or registration)
 * @param dataset the dataset read and its content hash
 * @param rows row counts per split
 * @param config the complete pipeline settings used ({@code PipelineSettings.toJson}), as plain JSON
 *     values; empty when the writer did not know them
 * @param tuning every trial and the chosen one
 * @param testMetrics the chosen model's metrics on the test split by name; {@code accuracy} is required
 * @param gate the gate's verdict and the numbers it compared; empty until the gate has run
 * @param model the registered model version; empty when nothing was registered (yet)
 */
public record RunRecord(
    String runId,
    Instant startedAt,
    Instant endedAt,
    Dataset dataset,
    Rows rows,
    Map<String, Object> config,
    Tuning tuning,
    Map<String, Double> testMetrics,
    Optional<Gate> gate,
    Optional<Model> model) {

  /** The only {@code format_version} written and read. */
  public static final int FORMAT_VERSION = 1;

  /** The file name, locally and in the cloud. */
  public static final String FILE_NAME = "run.json";

  private static final JsonFactory FACTORY = new JsonFactory();

  public RunRecord {
    requireText("run_id", runId);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(rows, "rows");
    config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    Objects.requireNonNull(tuning, "tuning");
    testMetrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(testMetrics));
    requireFraction("test_metrics.accuracy", testMetrics.get("accuracy"));
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(model, "model");
  }

  /** Test accuracy, the number the gate compares and runs are ranked by. */
  public double testAccuracy() {
    return testMetrics.get("accuracy");
  }

  /** This record with the gate's verdict. */
  public RunRecord withGate(Gate verdict, Instant now) {
    return new RunRecord(runId, startedAt, now, dataset, rows, config, tuning, testMetrics, Optional.of(verdict), model);
  }

  /** This record with the registered model version. */
  public RunRecord withModel(Model version, Instant now) {
    return new RunRecord(runId, startedAt, now, dataset, rows, config, tuning, testMetrics, gate, Optional.of(version));
  }

  /** This record with the settings used and the trials (what the cloud's register step adds). */
  public RunRecord withConfigAndTuning(Map<String, Object> settings, Tuning trials, Instant now) {
    return new RunRecord(runId, startedAt, now, dataset, rows, settings, trials, testMetrics, gate, model);
  }

  /**
   * The dataset a run read.
   *
   * @param uri where it was read: {@code s3://bucket/key} (with {@code ?versionId=} when versioned) or a local path
   * @param sha256 SHA-256 of its bytes, 64 lowercase hex digits
   * @param target the label column
   */
  public record Dataset(String uri, String sha256, String target) {
    public Dataset {
      requireText("dataset.uri", uri);
      if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("dataset.sha256 must be 64 lowercase hex digits, found '" + sha256 + "'");
      }
      requireText("dataset.target", target);
    }
  }

  /**
   * Rows per split, and rows dropped for a missing target.
   */
  public record Rows(long train, long validation, long test, long dropped) {
    public Rows {
      if (train < 0 || validation < 0 || test < 0 || dropped < 0) {
        throw new IllegalArgumentException("rows must not be negative, found train " + train + ", validation "
            + validation + ", test " + test + ", dropped " + dropped);
      }
    }
  }

  /**
   * What tuning tried and chose.
   *
   * @param strategy the tuning strategy ({@code Random}, {@code Bayesian}, ...)
   * @param objective the objective metric ({@code validation:accuracy})
   * @param trials every trial, in the order they were numbered
   * @param chosen the id of the chosen trial (the tuning job's best)
   */
  public record Tuning(String strategy, String objective, List<Trial> trials, String chosen) {
    public Tuning {
      requireText("tuning.strategy", strategy);
      requireText("tuning.objective", objective);
      trials = List.copyOf(trials);
      requireText("tuning.chosen", chosen);
    }

    /** The chosen trial, when the record lists it. */
    public Optional<Trial> chosenTrial() {
      return trials.stream().filter(t -> t.id().equals(chosen)).findFirst();
    }
  }

  /**
   * One trial.
   *
   * @param id its id: the trial number locally, the training job name in the cloud
   * @param hyperparameters the hyperparameters it ran with (strings, as SageMaker takes them)
   * @param validationAccuracy its objective value; empty for a trial that failed before reporting one
   */
  public record Trial(String id, Map<String, String> hyperparameters, Optional<Double> validationAccuracy) {
    public Trial {
      requireText("trial id", id);
      hyperparameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
      Objects.requireNonNull(validationAccuracy, "validationAccuracy");
    }
  }

  /**
   * The gate's verdict and the numbers it compared.
   *
   * @param verdict {@code PASSED}, {@code BELOW_THRESHOLD} or {@code NOT_BETTER_THAN_APPROVED}
   * @param threshold {@code gate.accuracy_threshold}
   * @param accuracy this run's test accuracy
   * @param approvedAccuracy the approved model's test accuracy, when {@code gate.must_beat_approved} compared with one
   * @param approvedVersion that approved model's version
   */
  public record Gate(String verdict, double threshold, double accuracy, Optional<Double> approvedAccuracy,
      Optional<Integer> approvedVersion) {
    public static final List<String> VERDICTS = List.of("PASSED", "BELOW_THRESHOLD", "NOT_BETTER_THAN_APPROVED");

    public Gate {
      if (!VERDICTS.contains(verdict)) {
        throw new IllegalArgumentException("gate.verdict must be one of " + VERDICTS + ", found '" + verdict + "'");
      }
      requireFraction("gate.threshold", threshold);
      requireFraction("gate.accuracy", accuracy);
      Objects.requireNonNull(approvedAccuracy, "approvedAccuracy");
      Objects.requireNonNull(approvedVersion, "approvedVersion");
    }

    /** Whether the model passed. */
    public boolean passed() {
      return verdict.equals("PASSED");
    }
  }

  /**
   * The registered model version.
   *
   * @param version its number (the local registry's, or the model package version)
   * @param status {@code Approved}, {@code PendingManualApproval} or {@code Rejected}
   * @param arn the model package ARN in the cloud; empty locally
   */
  public record Model(int version, String status, Optional<String> arn) {
    public Model {
      if (version < 1) {
        throw new IllegalArgumentException("model.version must be 1 or greater, found " + version);
      }
      requireText("model.status", status);
      Objects.requireNonNull(arn, "arn");
    }
  }

  // ---------------------------------------------------------------- writing

  /** The record as pretty-printed JSON, keys in a fixed order (golden file {@code run-v1.json}). */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      PlainJson.writeValue(g, toTree());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private Map<String, Object> toTree() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format_version", FORMAT_VERSION);
    root.put("run_id", runId);
    root.put("started_at", startedAt.toString());
    root.put("ended_at", endedAt.toString());
    root.put("dataset", object("uri", dataset.uri(), "sha256", dataset.sha256(), "target", dataset.target()));
    root.put("rows", object("train", rows.train(), "validation", rows.validation(), "test", rows.test(),
        "dropped", rows.dropped()));
    root.put("config", config);
    List<Object> trials = new ArrayList<>();
    for (Trial t : tuning.trials()) {
      trials.add(object("id", t.id(), "hyperparameters", new LinkedHashMap<String, Object>(t.hyperparameters()),
          "validation_accuracy", t.validationAccuracy().orElse(null)));
    }
    root.put("tuning", object("strategy", tuning.strategy(), "objective", tuning.objective(),
        "trials", trials, "chosen", tuning.chosen()));
    root.put("test_metrics", new LinkedHashMap<String, Object>(testMetrics));
    root.put("gate", gate.map(g -> (Object) object("verdict", g.verdict(), "threshold", g.threshold(),
        "accuracy", g.accuracy(), "approved_accuracy", g.approvedAccuracy().orElse(null),
        "approved_version", g.approvedVersion().orElse(null))).orElse(null));
    root.put("model", model.map(m -> (Object) object("version", m.version(), "status", m.status(),
        "arn", m.arn().orElse(null))).orElse(null));
    return root;
  }

  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  /**
   * The {@code config} part from the settings' JSON ({@code PipelineSettings.toJson()}, or the
   * execution input's {@code settings}).
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> config(String settingsJson) {
    try (JsonParser parser = FACTORY.createParser(settingsJson)) {
      Object value = PlainJson.readDocument(parser);
      if (!(value instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("settings must be a JSON object, found " + settingsJson);
      }
      return (Map<String, Object>) value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("settings are not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads a {@code run.json}.
   *
   * @param json the text
   * @param source what is read (a path or URI), for messages
   * @throws IllegalArgumentException naming the source, the field and the value found
   */
  public static RunRecord parse(String json, String source) {
    Object root;
    try (JsonParser parser = FACTORY.createParser(json)) {
      root = PlainJson.readDocument(parser);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return fromTree(new Fields(root, ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static RunRecord fromTree(Fields r) {
    long version = r.number("format_version").longValue();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("format_version must be " + FORMAT_VERSION + ", found " + version);
    }
    Fields d = r.object("dataset");
    Fields rows = r.object("rows");
    Fields t = r.object("tuning");
    List<Trial> trials = new ArrayList<>();
    for (Fields trial : t.objects("trials")) {
      trials.add(new Trial(trial.text("id"), trial.strings("hyperparameters"),
          Optional.ofNullable(trial.optionalNumber("validation_accuracy")).map(Number::doubleValue)));
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    r.object("test_metrics").map().forEach((k, v) -> metrics.put(k, r.object("test_metrics").number(k).doubleValue()));
    return new RunRecord(
        r.text("run_id"),
        r.instant("started_at"),
        r.instant("ended_at"),
        new Dataset(d.text("uri"), d.text("sha256"), d.text("target")),
        new Rows(rows.number("train").longValue(), rows.number("validation").longValue(),
            rows.number("test").longValue(), rows.number("dropped").longValue()),
        r.object("config").map(),
        new Tuning(t.text("strategy"), t.text("objective"), trials, t.text("chosen")),
        metrics,
        r.optionalObject("gate").map(g -> new Gate(g.text("verdict"), g.number("threshold").doubleValue(),
            g.number("accuracy").doubleValue(),
            Optional.ofNullable(g.optionalNumber("approved_accuracy")).map(Number::doubleValue),
            Optional.ofNullable(g.optionalNumber("approved_version")).map(Number::intValue))),
        r.optionalObject("model").map(m -> new Model(m.number("version").intValue(), m.text("status"),
            Optional.ofNullable(m.optionalText("arn")))));
  }

  /** Typed access to one JSON object's fields; a missing or mistyped one names its path and value. */
  private record Fields(Object value, String path) {
    Fields {
      if (!(value instanceof Map<?, ?>)) {
        throw new IllegalArgumentException((path.isEmpty() ? "the document" : path)
            + " must be a JSON object, found " + value);
      }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return (Map<String, Object>) value;
    }

    private String at(String name) {
      return path.isEmpty() ? name : path + "." + name;
    }

    private Object required(String name) {
      if (!map().containsKey(name) || map().get(name) == null) {
        throw new IllegalArgumentException(at(name) + " is missing");
      }
      return map().get(name);
    }

    String text(String name) {
      Object v = required(name);
      if (!(v instanceof String s)) {
        throw new IllegalArgumentException(at(name) + " must be a string, found " + v);
      }
      return s;
    }

    String optionalText(String name) {
      return map().get(name) == null ? null : text(name);
    }

    Number number(String name) {
      Object v = required(name);
      if (!(v instanceof Number n)) {
        throw new IllegalArgumentException(at(name) + " must be a number, found '" + v + "'");
      }
      return n;
    }

    Number optionalNumber(String name) {
      return map().get(name) == null ? null : number(name);
    }

    Instant instant(String name) {
      String v = text(name);
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(at(name) + " must be an ISO-8601 instant, found '" + v + "'", e);
      }
    }

    Fields object(String name) {
      return new Fields(required(name), at(name));
    }

    Optional<Fields> optionalObject(String name) {
      return map().get(name) == null ? Optional.empty() : Optional.of(object(name));
    }

    List<Fields> objects(String name) {
      Object v = required(name);
      if (!(v instanceof List<?> list)) {
        throw new IllegalArgumentException(at(name) + " must be an array, found " + v);
      }
      List<Fields> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(new Fields(list.get(i), at(name) + "[" + i + "]"));
      }
      return out;
    }

    Map<String, String> strings(String name) {
      Map<String, String> out = new LinkedHashMap<>();
      object(name).map().forEach((k, v) -> {
        if (!(v instanceof String s)) {
          throw new IllegalArgumentException(at(name) + "." + k + " must be a string, found " + v);
        }
        out.put(k, s);
      });
      return out;
    }
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, found '" + value + "'");
    }
  }

  private static void requireFraction(String name, Double value) {
    if (value == null || value.isNaN() || value < 0 || value > 1) {
      throw new IllegalArgumentException(name + " must be a number in [0, 1], found " + value);
    }
  }
}
