package dev.rookery.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.settings.PipelineSettings;
import dev.rookery.settings.SettingsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One deployment environment, as declared under {@code context.environments.<name>} in
 * {@code cdk.json}. Read with {@link #fromJson}, which reports every problem of the entry at once;
 * the compact constructor checks the same rules for instances built in code.
 *
 * @param name environment name, used in stack and resource names ({@code Rookery-<name>})
 * @param placement the AWS account and region
 * @param jobs the SageMaker jobs' instance types
 * @param endpoint the endpoint's instances and how an update shifts traffic
 * @param pipeline the pipeline settings of this environment: {@code config/pipeline.json} with the
 *     entry's {@code pipeline} overrides (e.g. {@code approval}, {@code capture_percent}), checked by
 *     the settings model's rules
 * @param monitoring the drift monitor, its alarms and whom they notify
 * @param functions how the Lambdas log
 */
public record EnvironmentConfig(
    String name,
    Placement placement,
    Jobs jobs,
    Endpoint endpoint,
    PipelineSettings pipeline,
    Monitoring monitoring,
    Functions functions) {

  /** The penguins' numeric features: the drift alarms when an environment lists none. */
  public static final List<String> DEFAULT_DRIFT_FEATURES =
      List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g");

  /** The {@code notificationEmail} that deploys the topic without a subscription. */
  public static final String NO_SUBSCRIPTION = "none";

  /** Default days of captured requests kept: {@value}. */
  public static final int DEFAULT_CAPTURE_RETENTION_DAYS = 30;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,15}");
  private static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9]+\\.[a-z0-9]+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern FEATURE = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Set<String> KEYS = Set.of("account", "region", "processingInstanceType",
      "trainingInstanceType", "inferenceInstanceType", "inferenceInstanceCount", "pipeline",
      "deploymentStrategy", "monitoringEngine", "driftFeatures",
      "captureRetentionDays", "alarms", "notificationEmail", "logLevel", "retraining");
  /** Pipeline settings once written at the entry's top level, and where they live now. */
  private static final java.util.Map<String, String> MOVED_TO_PIPELINE =
      java.util.Map.of("approval", "approval", "capturePercent", "capture_percent");

  /** SageMaker blue/green traffic routing ({@code TrafficRoutingConfiguration.Type}). */
  public enum DeploymentStrategy {
    /** Shift all traffic at once; no rollback alarms. */
    ALL_AT_ONCE,
    /** A canary share first, then the rest; rolls back on the endpoint alarms. */
    CANARY,
    /** Traffic in steps; rolls back on the endpoint alarms. */
    LINEAR
  }

  /** What runs the hourly monitor over the captured data. */
  public enum MonitoringEngine {
    /** An hourly EventBridge rule starts the monitoring state machine (a processing job). */
    PROCESSING,
    /** A SageMaker Model Monitor data-quality schedule running the Rookery image. */
    MODEL_MONITOR;

    /** @return the name used in {@code cdk.json}: the constant's, lower case, {@code -} for {@code _} */
    public String configName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The Lambdas' log levels ({@code logLevel} in cdk.json): Powertools' and Lambda's names. */
  public static final List<String> LOG_LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");

  /**
   * How the Lambdas log.
   *
   * @param logLevel {@code POWERTOOLS_LOG_LEVEL} and Lambda's application log level, one of
   *     {@link #LOG_LEVELS} ({@code INFO} when unset)
   */
  public record Functions(String logLevel) {
    /** Checks the level. */
    public Functions {
      if (!LOG_LEVELS.contains(logLevel)) {
        throw new IllegalArgumentException("logLevel must be one of " + LOG_LEVELS + ", found '" + logLevel + "'");
      }
    }
  }

  /**
   * Where the stack deploys.
   *
   * @param account AWS account id, or empty for the CLI's default account
   * @param region AWS region, or empty for the CLI's default region
   */
  public record Placement(String account, String region) {
    /** An absent account or region is empty. */
    public Placement {
      account = account == null ? "" : account;
      region = region == null ? "" : region;
    }
  }

  /**
   * @param processingInstanceType instance type of the preprocess, evaluate and monitor jobs
   * @param trainingInstanceType instance type of the tuning's training jobs
   */
  public record Jobs(String processingInstanceType, String trainingInstanceType) {}

  /**
   * @param instanceType instance type of the endpoint
   * @param instanceCount endpoint instance count; 2 or more for canary and linear
   * @param deploymentStrategy how an endpoint update shifts traffic
   */
  public record Endpoint(String instanceType, int instanceCount,
      DeploymentStrategy deploymentStrategy) {
    /** The strategy is required. */
    public Endpoint {
      Objects.requireNonNull(deploymentStrategy, "deploymentStrategy");
    }
  }

  /**
   * What watches the running system and whom it tells.
   *
   * @param engine what runs the hourly drift monitor
   * @param driftFeatures the features that get a drift alarm
   * @param captureRetentionDays days captured requests are kept in the artefacts bucket
   * @param alarms alarm switches and thresholds
   * @param notificationEmail address subscribed to the notification topic, or {@value
   *     #NO_SUBSCRIPTION} to deploy without a subscription; required (there is no default address:
   *     a placeholder would subscribe a mailbox nobody reads)
   * @param retraining whether a drift or model-quality alarm starts the pipeline, and how often
   */
  public record Monitoring(MonitoringEngine engine, List<String> driftFeatures,
      int captureRetentionDays, AlarmSettings alarms, String notificationEmail,
      Retraining retraining) {
    /** Copies the features; an absent address is empty (and reported by the environment). */
    public Monitoring {
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(alarms, "alarms");
      Objects.requireNonNull(retraining, "retraining");
      driftFeatures = List.copyOf(driftFeatures);
      notificationEmail = notificationEmail == null ? "" : notificationEmail;
    }
  }

  /**
   * Opt-in retraining ({@code retraining} in the entry): a drift or model-quality alarm going to
   * ALARM starts the pipeline on the newest dataset of the data bucket, at most once per cooldown.
   *
   * @param enabled whether the stack has the retraining rule and function; needs alarms enabled
   * @param cooldown at most one retraining starts per this period (ISO-8601, e.g. {@code PT24H})
   */
  public record Retraining(boolean enabled, java.time.Duration cooldown) {
    /** Off, with the cooldown used when it is switched on without one. */
    public static final Retraining DEFAULT = new Retraining(false, java.time.Duration.ofHours(24));

    /** Checks the cooldown. */
    public Retraining {
      Objects.requireNonNull(cooldown, "cooldown");
      if (cooldown.compareTo(java.time.Duration.ofHours(1)) < 0) {
        throw new InvalidConfigurationException(List.of(
            "retraining.cooldown must be PT1H or longer, found " + cooldown));
      }
    }
  }

  /**
   * Alarm switches and thresholds.
   *
   * @param enabled whether the stack creates alarms and the e-mail subscription
   * @param driftThreshold a feature's baseline drift distance above which its alarm fires
   * @param violationThreshold constraint violations per monitoring run above which the alarm fires
   * @param invocation5xxThreshold endpoint 5XX errors per 5 minutes at which the alarm fires
   * @param modelLatencyMillis average model latency (ms) over 5 minutes above which the alarm fires
   * @param lambdaErrorThreshold errors per function per 5 minutes at which the alarm fires
   */
  public record AlarmSettings(
      boolean enabled,
      double driftThreshold,
      double violationThreshold,
      double invocation5xxThreshold,
      double modelLatencyMillis,
      double lambdaErrorThreshold) {

    /** The thresholds used where {@code cdk.json} gives none. */
    public static final AlarmSettings DEFAULTS = new AlarmSettings(true, 0.1, 0, 1, 500, 1);

    /** Checks every threshold; throws one exception listing every problem. */
    public AlarmSettings {
      List<String> problems = problems("alarms", driftThreshold, violationThreshold,
          invocation5xxThreshold, modelLatencyMillis, lambdaErrorThreshold);
      if (!problems.isEmpty()) {
        throw new InvalidConfigurationException(problems);
      }
    }

    static List<String> problems(String at, double drift, double violations, double errors5xx,
        double latencyMillis, double lambdaErrors) {
      List<String> problems = new ArrayList<>();
      if (!(drift > 0 && drift <= 1)) {
        problems.add(at + ".driftThreshold must be in (0, 1], found " + drift);
      }
      if (!(violations >= 0)) {
        problems.add(at + ".violationThreshold must be 0 or more, found " + violations);
      }
      if (!(errors5xx >= 1)) {
        problems.add(at + ".invocation5xxThreshold must be 1 or more, found " + errors5xx);
      }
      if (!(latencyMillis > 0)) {
        problems.add(at + ".modelLatencyMillis must be more than 0, found " + latencyMillis);
      }
      if (!(lambdaErrors >= 1)) {
        problems.add(at + ".lambdaErrorThreshold must be 1 or more, found " + lambdaErrors);
      }
      return problems;
    }
  }

  /** Checks every field; throws one {@link InvalidConfigurationException} listing every problem. */
  public EnvironmentConfig {
    Objects.requireNonNull(pipeline, "pipeline");
    List<String> problems = problems(name, placement.account(), placement.region(),
        jobs.processingInstanceType(), jobs.trainingInstanceType(), endpoint.instanceType(),
        endpoint.instanceCount(), endpoint.deploymentStrategy(), monitoring.driftFeatures(),
        monitoring.captureRetentionDays(), monitoring.alarms().enabled(),
        monitoring.notificationEmail());
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
  }

  /** @return the CloudFormation stack name, {@code Rookery-<name>} */
  public String stackName() {
    return "Rookery-" + name;
  }

  /** @return the prefix of every named resource of this environment, {@code rookery-<name>} */
  public String resourcePrefix() {
    return "rookery-" + name;
  }

  /**
   * Reads one environment entry and reports every problem in it at once.
   *
   * @param name the entry's key under {@code environments}
   * @param node the entry
   * @param base the pipeline settings of {@code config/pipeline.json}, which the entry's
   *     {@code pipeline} block overrides
   * @return the environment
   * @throws InvalidConfigurationException listing every problem of the entry
   */
  public static EnvironmentConfig fromJson(String name, JsonNode node, PipelineSettings base) {
    String at = "environments." + name;
    Reader r = new Reader(at, node);
    if (node == null || !node.isObject()) {
      throw new InvalidConfigurationException(List.of(at + " must be an object, found " + node));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (MOVED_TO_PIPELINE.containsKey(key)) {
        r.problems.add(at + "." + key + " is a pipeline setting: write it as " + at + ".pipeline."
            + MOVED_TO_PIPELINE.get(key) + " (config/pipeline.json's name and rules)");
      } else if (!KEYS.contains(key)) {
        r.problems.add(at + "." + key + " is not a known setting (known: "
            + KEYS.stream().sorted().toList() + ")");
      }
    }
    String account = r.optionalText("account", "");
    String region = r.optionalText("region", "");
    String processing = r.text("processingInstanceType");
    String training = r.text("trainingInstanceType");
    String inference = r.text("inferenceInstanceType");
    Integer count = r.integer("inferenceInstanceCount", null);
    PipelineSettings pipeline = base;
    JsonNode overrides = node.get("pipeline");
    if (overrides != null && !overrides.isNull()) {
      try {
        pipeline = base.withOverrides(overrides.toString(), "");
      } catch (SettingsException e) {
        e.problems().forEach(p -> r.problems.add(at + ".pipeline" + (p.path().isEmpty() ? ": " : ".") + p));
      }
    }
    DeploymentStrategy strategy =
        r.choice("deploymentStrategy", DeploymentStrategy.values());
    MonitoringEngine engine =
        r.choice("monitoringEngine", MonitoringEngine.values());
    List<String> features = r.textList("driftFeatures", DEFAULT_DRIFT_FEATURES);
    Integer retention = r.integer("captureRetentionDays", DEFAULT_CAPTURE_RETENTION_DAYS);
    String email = r.optionalText("notificationEmail", "");
    String logLevel = r.optionalText("logLevel", "INFO");
    if (logLevel != null && !LOG_LEVELS.contains(logLevel)) {
      r.problems.add(at + ".logLevel must be one of " + LOG_LEVELS + ", found '" + logLevel + "'");
    }

    JsonNode alarmsNode = node.path("alarms");
    Reader a = new Reader(at + ".alarms", alarmsNode.isMissingNode() ? null : alarmsNode);
    AlarmSettings d = AlarmSettings.DEFAULTS;
    if (!alarmsNode.isMissingNode() && !alarmsNode.isObject()) {
      r.problems.add(at + ".alarms must be an object, found " + alarmsNode);
    }
    boolean enabled = a.bool("enabled", d.enabled());
    double drift = a.number("driftThreshold", d.driftThreshold());
    double violations = a.number("violationThreshold", d.violationThreshold());
    double errors5xx = a.number("invocation5xxThreshold", d.invocation5xxThreshold());
    double latency = a.number("modelLatencyMillis", d.modelLatencyMillis());
    double lambdaErrors = a.number("lambdaErrorThreshold", d.lambdaErrorThreshold());
    r.problems.addAll(a.problems);
    Retraining retraining = retraining(at, node.get("retraining"), enabled, r.problems);
    r.problems.addAll(AlarmSettings.problems(at + ".alarms", drift, violations, errors5xx,
        latency, lambdaErrors));
    r.problems.addAll(problems(name, account, region, processing, training, inference, count,
        strategy, features, retention, enabled, email).stream()
        .map(p -> p.startsWith("environment name") ? p : at + "." + p)
        .toList());
    if (!r.problems.isEmpty()) {
      throw new InvalidConfigurationException(r.problems.stream().distinct().toList());
    }
    return new EnvironmentConfig(name, new Placement(account, region),
        new Jobs(processing, training), new Endpoint(inference, count, strategy), pipeline,
        new Monitoring(engine, features, retention,
            new AlarmSettings(enabled, drift, violations, errors5xx, latency, lambdaErrors), email,
            retraining),
        new Functions(logLevel));
  }

  /** Reads {@code retraining}: {@code enabled} (default false) and {@code cooldown} (ISO-8601). */
  private static Retraining retraining(String at, JsonNode node, boolean alarmsEnabled,
      List<String> problems) {
    if (node == null || node.isNull()) {
      return Retraining.DEFAULT;
    }
    Reader r = new Reader(at + ".retraining", node.isObject() ? node : null);
    if (!node.isObject()) {
      problems.add(at + ".retraining must be an object, found " + node);
      return Retraining.DEFAULT;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!Set.of("enabled", "cooldown").contains(key)) {
        problems.add(at + ".retraining." + key + " is not a known setting (known: [cooldown, enabled])");
      }
    }
    boolean enabled = r.bool("enabled", Retraining.DEFAULT.enabled());
    String raw = r.optionalText("cooldown", Retraining.DEFAULT.cooldown().toString());
    problems.addAll(r.problems);
    java.time.Duration cooldown = Retraining.DEFAULT.cooldown();
    if (raw != null) {
      try {
        cooldown = java.time.Duration.parse(raw);
      } catch (java.time.format.DateTimeParseException e) {
        problems.add(at + ".retraining.cooldown must be an ISO-8601 duration such as PT24H, found '"
            + raw + "'");
      }
    }
    if (cooldown.compareTo(java.time.Duration.ofHours(1)) < 0) {
      problems.add(at + ".retraining.cooldown must be PT1H or longer (the monitors run hourly),"
          + " found " + raw);
      cooldown = Retraining.DEFAULT.cooldown();
    }
    if (enabled && !alarmsEnabled) {
      problems.add(at + ".retraining.enabled starts the pipeline on the drift and model-quality"
          + " alarms: alarms.enabled must be true, found false");
    }
    return new Retraining(enabled, cooldown);
  }

  /** Range and cross-field rules; {@code null} values were reported by the reader already. */
  private static List<String> problems(String name, String account, String region,
      String processing, String training, String inference, Integer count,
      DeploymentStrategy strategy, List<String> features, Integer retention,
      boolean alarmsEnabled, String email) {
    List<String> problems = new ArrayList<>();
    if (name == null || !NAME.matcher(name).matches()) {
      problems.add("environment name must match " + NAME + " (it is part of resource names), found '"
          + name + "'");
    }
    if (account != null && !account.isEmpty() && !ACCOUNT.matcher(account).matches()) {
      problems.add("account must be 12 digits, found '" + account + "'");
    }
    if (region != null && !region.isEmpty() && !REGION.matcher(region).matches()) {
      problems.add("region must look like eu-west-1, found '" + region + "'");
    }
    checkInstanceType("processingInstanceType", processing, problems);
    checkInstanceType("trainingInstanceType", training, problems);
    checkInstanceType("inferenceInstanceType", inference, problems);
    if (count != null && count < 1) {
      problems.add("inferenceInstanceCount must be 1 or more, found " + count);
    }
    if (strategy != null && strategy != DeploymentStrategy.ALL_AT_ONCE) {
      if (count != null && count < 2) {
        problems.add("deploymentStrategy " + strategy + " needs inferenceInstanceCount 2 or more"
            + " (a canary or linear step is at most half the fleet), found " + count);
      }
      if (!alarmsEnabled) {
        problems.add("deploymentStrategy " + strategy + " rolls back on the endpoint alarms:"
            + " alarms.enabled must be true, found false");
      }
    }
    if (features != null) {
      for (String feature : features) {
        if (feature == null || !FEATURE.matcher(feature).matches()) {
          problems.add("driftFeatures entry must match " + FEATURE + ", found '" + feature + "'");
        }
      }
      if (features.stream().distinct().count() != features.size()) {
        problems.add("driftFeatures must not repeat a feature, found " + features);
      }
    }
    if (retention != null && retention < 1) {
      problems.add("captureRetentionDays must be 1 or more, found " + retention);
    }
    if (email == null || email.isBlank()) {
      problems.add("notificationEmail is missing: set the address notifications go to with"
          + " 'npx cdk deploy -c notificationEmail=you@example.org' (every environment of the run)"
          + " or in cdk.json under context.environments." + name + ".notificationEmail; '"
          + NO_SUBSCRIPTION + "' deploys without a subscription (the stack output"
          + " NotificationSubscription then says so)");
    } else if (!email.equals(NO_SUBSCRIPTION) && !EMAIL.matcher(email).matches()) {
      problems.add("notificationEmail must be an e-mail address or '" + NO_SUBSCRIPTION
          + "', found '" + email + "'");
    }
    return problems;
  }

  private static void checkInstanceType(String field, String value, List<String> problems) {
    if (value != null && !INSTANCE_TYPE.matcher(value).matches()) {
      problems.add(field + " must be a SageMaker instance type like ml.m5.large, found '" + value
          + "'");
    }
  }

  /** Typed field access that records a problem instead of throwing. */
  private static final class Reader {
    private final String at;
    private final JsonNode node;
    private final List<String> problems = new ArrayList<>();

    Reader(String at, JsonNode node) {
      this.at = at;
      this.node = node;
    }

    private JsonNode get(String field) {
      return node == null ? null : node.get(field);
    }

    /**
     * The field's value: {@code fallback} when it is absent or null (a problem when there is no
     * fallback); when {@code isType} refuses it, a problem saying what it must be, and
     * {@code onWrongType}.
     */
    private <T> T field(String field, T fallback, String mustBe, Predicate<JsonNode> isType,
        Function<JsonNode, T> read, T onWrongType) {
      JsonNode v = get(field);
      if (v == null || v.isNull()) {
        if (fallback == null) {
          problems.add(at + "." + field + " is required, found none");
        }
        return fallback;
      }
      if (!isType.test(v)) {
        problems.add(at + "." + field + " must be " + mustBe + ", found " + v);
        return onWrongType;
      }
      return read.apply(v);
    }

    String text(String field) {
      return field(field, null, "a string", JsonNode::isTextual, JsonNode::asText, null);
    }

    String optionalText(String field, String fallback) {
      JsonNode v = get(field);
      if (v == null || v.isNull()) {
        return fallback;
      }
      return text(field);
    }

    Integer integer(String field, Integer fallback) {
      return field(field, fallback, "a whole number", v -> v.isIntegralNumber() && v.canConvertToInt(),
          JsonNode::intValue, null);
    }

    double number(String field, double fallback) {
      return field(field, fallback, "a number", JsonNode::isNumber, JsonNode::doubleValue, fallback);
    }

    boolean bool(String field, boolean fallback) {
      return field(field, fallback, "true or false", JsonNode::isBoolean, JsonNode::booleanValue, fallback);
    }

    List<String> textList(String field, List<String> fallback) {
      JsonNode v = get(field);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isArray()) {
        problems.add(at + "." + field + " must be a list of strings, found " + v);
        return null;
      }
      List<String> values = new ArrayList<>();
      for (JsonNode item : v) {
        if (!item.isTextual()) {
          problems.add(at + "." + field + " must be a list of strings, found entry " + item);
          return null;
        }
        values.add(item.asText());
      }
      return values;
    }

    <E extends Enum<E>> E choice(String field, E[] values) {
      String raw = text(field);
      if (raw == null) {
        return null;
      }
      List<String> names = new ArrayList<>();
      for (E value : values) {
        String configName = configName(value);
        names.add(configName);
        if (configName.equals(raw)) {
          return value;
        }
      }
      problems.add(at + "." + field + " must be one of " + names + ", found '" + raw + "'");
      return null;
    }

    private static String configName(Enum<?> value) {
      if (value instanceof MonitoringEngine engine) {
        return engine.configName();
      }
      return value.name();
    }
  }

  /** @return the address subscribed to the notification topic; empty for {@value #NO_SUBSCRIPTION} */
  public Optional<String> email() {
    String address = monitoring.notificationEmail();
    return address.isBlank() || address.equals(NO_SUBSCRIPTION)
        ? Optional.empty() : Optional.of(address);
  }
}
