package dev.rookery.infra.constructs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The CloudWatch alarms of one environment, each notifying the topic when it fires and when it
 * recovers: baseline drift per listed feature and the constraint-violation count (the monitor's
 * metrics, namespace {@value #DATA_METRICS_NAMESPACE}, dimensions {@code Endpoint} and
 * {@code MonitoringSchedule}); the endpoint's 5XX errors and model latency (also the rollback
 * alarms of canary and linear deployments); each function's errors. Missing data never fires an
 * alarm: an hour without traffic or a stack without an endpoint yet is not an incident.
 */
public final class RookeryAlarms extends Construct {
  /**
   * Where the monitor's metrics are published, by the publish-metrics function in both engines:
   * Rookery's own namespace, the one the monitor writes in {@code cloudwatch_metrics.json}. AWS's
   * pages name three different Model Monitor namespaces (docs/aws-contracts.md), so the alarms do
   * not rely on any of them.
   */
  public static final String DATA_METRICS_NAMESPACE = "Rookery/Monitoring";
  /**
   * The model-quality job's scores in its {@code cloudwatch_metrics.json} (same namespace and
   * dimensions as drift, its own {@code MonitoringSchedule}), fractions in [0, 1].
   */
  public static final List<String> QUALITY_METRICS =
      List.of("accuracy", "weighted_precision", "weighted_recall", "weighted_f1");
  /** The model-quality job's label counts: joined to a prediction, no prediction, unknown class. */
  public static final List<String> LABEL_METRICS =
      List.of("labels_joined", "labels_unmatched", "labels_unknown_class");

  private final Map<String, Alarm> driftAlarms = new LinkedHashMap<>();
  private final Alarm violationsAlarm;
  private final Alarm accuracyAlarm;
  private final Alarm invocation5xxAlarm;
  private final Alarm modelLatencyAlarm;
  private final Map<String, Alarm> functionErrorAlarms = new LinkedHashMap<>();

  /**
   * @param alarmNamePrefix prefix of every alarm name, e.g. {@code rookery-dev}
   * @param watched what the alarms watch
   * @param thresholds when they fire
   * @param topic where alarms notify
   */
  public record Props(String alarmNamePrefix, Watched watched, Thresholds thresholds,
      ITopic topic) {
    /** Checks the name prefix and the topic; the parts check themselves. */
    public Props {
      Objects.requireNonNull(alarmNamePrefix, "alarmNamePrefix");
      Objects.requireNonNull(topic, "topic");
    }
  }

  /**
   * @param endpoint the monitored endpoint
   * @param monitoringScheduleName the {@code MonitoringSchedule} dimension of the drift metrics
   * @param qualityScheduleName the {@code MonitoringSchedule} dimension of the model-quality metrics
   * @param driftFeatures one drift alarm per feature
   * @param functions the functions to watch, by short name
   */
  public record Watched(InferenceEndpoint endpoint, String monitoringScheduleName,
      String qualityScheduleName, List<String> driftFeatures, Map<String, IFunction> functions) {
    /** Checks that nothing is missing; copies. */
    public Watched {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(monitoringScheduleName, "monitoringScheduleName");
      Objects.requireNonNull(qualityScheduleName, "qualityScheduleName");
      driftFeatures = List.copyOf(driftFeatures);
      functions = Map.copyOf(functions);
    }
  }

  /**
   * @param drift drift distance above which a feature alarm fires: the monitor's
   *     {@code feature_baseline_drift_<f>} is the Robust distance (L-infinity distance between the
   *     baseline and window distributions minus the two-sample KS critical value at 5 %, floored at
   *     0; training-container/README.md "Drift monitor"), so 0.1 means 0.1 beyond sampling noise
   * @param violations violations per run above which the alarm fires
   * @param invocation5xx 5XX errors per 5 minutes at which the alarm fires
   * @param modelLatencyMillis average latency (ms) over 5 minutes above which the alarm fires
   * @param lambdaErrors errors per function per 5 minutes at which the alarm fires
   * @param minAccuracy hourly model-quality accuracy below which the alarm fires
   */
  public record Thresholds(double drift, double violations, double invocation5xx,
      double modelLatencyMillis, double lambdaErrors, double minAccuracy) {}

  /**
   * The endpoint alarms' names, known before the alarms exist (the deploy function names them
   * as its rollback alarms).
   *
   * @param alarmNamePrefix the prefix given in {@link Props}
   * @return the 5XX and latency alarm names
   */
  public static List<String> endpointAlarmNames(String alarmNamePrefix) {
    return List.of(alarmNamePrefix + "-endpoint-5xx", alarmNamePrefix + "-endpoint-latency");
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public RookeryAlarms(Construct scope, String id, Props props) {
    super(scope, id);
    String p = props.alarmNamePrefix();
    InferenceEndpoint endpoint = props.watched().endpoint();
    SnsAction notify = new SnsAction(props.topic());
    Map<String, String> dataDimensions = Map.of(
        "Endpoint", endpoint.endpointName(),
        "MonitoringSchedule", props.watched().monitoringScheduleName());
    for (String feature : props.watched().driftFeatures()) {
      String construct = "Drift" + feature.replaceAll("[^A-Za-z0-9]", "");
      driftAlarms.put(feature, alarm(construct, p + "-drift-" + feature,
          "Live '" + feature + "' drifted from the training baseline",
          dataMetric("feature_baseline_drift_" + feature, dataDimensions),
          props.thresholds().drift(), ComparisonOperator.GREATER_THAN_THRESHOLD, notify));
    }
    violationsAlarm = alarm("Violations", p + "-constraint-violations",
        "The hourly monitor found constraint violations",
        dataMetric("constraint_violations", dataDimensions), props.thresholds().violations(),
        ComparisonOperator.GREATER_THAN_THRESHOLD, notify);
    accuracyAlarm = alarm("ModelQualityAccuracy", p + "-model-quality-accuracy",
        "Live accuracy (predictions joined with their ground truth) fell below the lowest"
            + " model-quality baseline threshold a gated model can have",
        qualityMetric("accuracy", endpoint.endpointName(), props.watched().qualityScheduleName()),
        props.thresholds().minAccuracy(), ComparisonOperator.LESS_THAN_THRESHOLD, notify);
    List<String> endpointNames = endpointAlarmNames(p);
    invocation5xxAlarm = alarm("Invocation5xx", endpointNames.get(0),
        "The endpoint answers with 5XX errors", endpoint.metricInvocation5xxErrors(),
        props.thresholds().invocation5xx(), ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        notify);
    modelLatencyAlarm = alarm("ModelLatency", endpointNames.get(1),
        "The model answers slowly (ModelLatency is in microseconds)",
        endpoint.metricModelLatency(), props.thresholds().modelLatencyMillis() * 1000,
        ComparisonOperator.GREATER_THAN_THRESHOLD, notify);
    Map<String, IFunction> functions = props.watched().functions();
    for (String name : new ArrayList<>(new java.util.TreeSet<>(functions.keySet()))) {
      IFunction function = functions.get(name);
      String construct = "Errors" + name.replaceAll("[^A-Za-z0-9]", "");
      functionErrorAlarms.put(name, alarm(construct, p + "-" + name + "-errors",
          "The " + name + " function fails", function.metricErrors(),
          props.thresholds().lambdaErrors(), ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          notify));
    }
  }

  /**
   * One of the monitor's metrics as the alarms (and the dashboard) read it: namespace
   * {@value #DATA_METRICS_NAMESPACE}, hourly maximum.
   *
   * @param name e.g. {@code feature_baseline_drift_body_mass_g}
   * @param dimensions {@code Endpoint} and {@code MonitoringSchedule}
   * @return the metric
   */
  public static Metric dataMetric(String name, Map<String, String> dimensions) {
    return Metric.Builder.create()
        .namespace(DATA_METRICS_NAMESPACE)
        .metricName(name)
        .dimensionsMap(dimensions)
        .statistic("Maximum")
        .period(Duration.hours(1))
        .build();
  }

  /**
   * One of the model-quality job's metrics: namespace {@value #DATA_METRICS_NAMESPACE}, hourly
   * minimum (the worst hour of a period is the one to see).
   *
   * @param name e.g. {@code accuracy}
   * @param endpointName the {@code Endpoint} dimension
   * @param qualityScheduleName the {@code MonitoringSchedule} dimension
   * @return the metric
   */
  public static Metric qualityMetric(String name, String endpointName, String qualityScheduleName) {
    return dataMetric(name, Map.of("Endpoint", endpointName,
        "MonitoringSchedule", qualityScheduleName)).with(
            software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                .statistic("Minimum").build());
  }

  private Alarm alarm(String id, String name, String description, IMetric metric,
      double threshold, ComparisonOperator operator, SnsAction notify) {
    Alarm alarm = Alarm.Builder.create(this, id)
        .alarmName(name)
        .alarmDescription(description)
        .metric(metric)
        .threshold(threshold)
        .comparisonOperator(operator)
        .evaluationPeriods(1)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
    return alarm;
  }

  /** @return every alarm of this construct: drift, violations, endpoint, function errors */
  public List<IAlarm> getAllAlarms() {
    List<IAlarm> all = new ArrayList<>(driftAlarms.values());
    all.addAll(List.of(violationsAlarm, accuracyAlarm, invocation5xxAlarm, modelLatencyAlarm));
    all.addAll(functionErrorAlarms.values());
    return List.copyOf(all);
  }

  /** @return one drift alarm per feature, in the configured order (Map.copyOf would lose it) */
  public Map<String, Alarm> getDriftAlarms() {
    return Collections.unmodifiableMap(driftAlarms);
  }

  /** @return the constraint-violation alarm */
  public Alarm getViolationsAlarm() {
    return violationsAlarm;
  }

  /** @return the model-quality accuracy alarm */
  public Alarm getAccuracyAlarm() {
    return accuracyAlarm;
  }

  /**
   * @return the alarms that say the model degraded (drift per feature, drift violations,
   *     model-quality accuracy): the ones opt-in retraining answers
   */
  public List<Alarm> getDegradationAlarms() {
    List<Alarm> degradation = new ArrayList<>(driftAlarms.values());
    degradation.add(violationsAlarm);
    degradation.add(accuracyAlarm);
    return List.copyOf(degradation);
  }

  /** @return the endpoint 5XX alarm */
  public Alarm getInvocation5xxAlarm() {
    return invocation5xxAlarm;
  }

  /** @return the endpoint latency alarm */
  public Alarm getModelLatencyAlarm() {
    return modelLatencyAlarm;
  }

  /** @return one error alarm per function, by short name, in name order */
  public Map<String, Alarm> getFunctionErrorAlarms() {
    return Collections.unmodifiableMap(functionErrorAlarms);
  }
}
