package dev.rookery.infra.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.CfnDashboard;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.LogQueryVisualizationType;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The CloudWatch dashboard of one environment: one page answering "did the pipeline run", "is the
 * endpoint healthy", "has the data drifted", "what is alarming" and "are the functions failing or
 * starting cold" (infra/README.md, "Dashboard"). Its name and console URL are stack outputs.
 *
 * <p>Cold starts: the functions run with SnapStart and JSON logs, so a cold start is an invocation
 * whose {@code platform.report} log record carries {@code restoreDurationMs} (a snapshot restored;
 * {@code initDurationMs} without SnapStart), counted by a Logs Insights widget: AWS/Lambda has no
 * cold-start metric.
 */
public final class RookeryDashboard extends Construct {
  /** The widgets' usual width: two per row of the 24-column grid. */
  private static final int HALF = 12;
  private static final int HEIGHT = 6;

  private final Dashboard dashboard;

  /**
   * @param dashboardName the dashboard's name, e.g. {@code rookery-dev}
   * @param stateMachines the state machines whose executions to show, by short name
   * @param endpoint the endpoint (AWS/SageMaker, {@code EndpointName} and {@code VariantName})
   * @param monitoring where the monitor's drift metrics are
   * @param alarms the alarms whose states to show (empty when the environment has none)
   * @param functions the functions whose errors, duration and cold starts to show, by short name
   */
  public record Props(String dashboardName, Map<String, IStateMachine> stateMachines,
      InferenceEndpoint endpoint, Monitoring monitoring, List<IAlarm> alarms,
      Map<String, JavaFunction> functions) {
    /** Checks that nothing is missing. */
    public Props {
      Objects.requireNonNull(dashboardName, "dashboardName");
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(monitoring, "monitoring");
      stateMachines = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stateMachines));
      alarms = List.copyOf(alarms);
      functions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(functions));
    }
  }

  /**
   * The monitor's metrics, read as the alarms read them ({@link RookeryAlarms#dataMetric}: same
   * namespace, statistic and period).
   *
   * @param monitoringScheduleName the {@code MonitoringSchedule} dimension
   * @param qualityScheduleName the {@code MonitoringSchedule} dimension of the model-quality metrics
   * @param driftFeatures one line per feature
   */
  public record Monitoring(String monitoringScheduleName, String qualityScheduleName,
      List<String> driftFeatures) {
    /** Checks that nothing is missing. */
    public Monitoring {
      Objects.requireNonNull(monitoringScheduleName, "monitoringScheduleName");
      Objects.requireNonNull(qualityScheduleName, "qualityScheduleName");
      driftFeatures = List.copyOf(driftFeatures);
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public RookeryDashboard(Construct scope, String id, Props props) {
    super(scope, id);
    dashboard = Dashboard.Builder.create(this, "Dashboard")
        .dashboardName(props.dashboardName())
        .defaultInterval(Duration.days(7))
        .build();
    // Untagged on purpose: CloudFormation accepts Tags on AWS::CloudWatch::Dashboard since June
    // 2026 and CDK adds the stack's tags, but cfn-lint 1.51's schema still refuses the property
    // (E3002). Drop this override when the pinned cfn-lint knows dashboard tags.
    ((CfnDashboard) dashboard.getNode().getDefaultChild()).addPropertyDeletionOverride("Tags");
    dashboard.addWidgets(pipelineWidgets(props).toArray(IWidget[]::new));
    dashboard.addWidgets(endpointWidgets(props.endpoint()).toArray(IWidget[]::new));
    dashboard.addWidgets(monitoringWidgets(props).toArray(IWidget[]::new));
    dashboard.addWidgets(alarmWidget(props.alarms()));
    dashboard.addWidgets(functionWidgets(props.functions()).toArray(IWidget[]::new));

    String region = Stack.of(this).getRegion();
    CfnOutput.Builder.create(this, "Name")
        .description("The environment's CloudWatch dashboard")
        .value(dashboard.getDashboardName())
        .build();
    CfnOutput.Builder.create(this, "Url")
        .description("The environment's CloudWatch dashboard in the console")
        .value("https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
            + "#dashboards:name=" + dashboard.getDashboardName())
        .build();
  }

  /** @return the dashboard */
  public Dashboard getDashboard() {
    return dashboard;
  }

  private static List<IWidget> pipelineWidgets(Props props) {
    List<IWidget> widgets = new ArrayList<>();
    props.stateMachines().forEach((name, machine) -> widgets.add(GraphWidget.Builder.create()
        .title("Executions of the " + name + " state machine")
        .left(List.of(
            machine.metricStarted(sum("started")),
            machine.metricSucceeded(sum("succeeded")),
            machine.metricFailed(sum("failed")),
            machine.metricTimedOut(sum("timed out")),
            machine.metricAborted(sum("aborted"))))
        .width(24 / Math.max(1, props.stateMachines().size()))
        .height(HEIGHT)
        .build()));
    return widgets;
  }

  private static List<IWidget> endpointWidgets(InferenceEndpoint endpoint) {
    return List.of(
        graph("Endpoint invocations (per 5 minutes)", HALF,
            endpoint.metric("Invocations", "Sum").with(label("invocations"))),
        graph("Endpoint model latency (microseconds)", HALF,
            endpoint.metric("ModelLatency", "p50").with(label("p50")),
            endpoint.metric("ModelLatency", "p99").with(label("p99"))),
        graph("Endpoint errors (per 5 minutes)", 24,
            endpoint.metric("Invocation4XXErrors", "Sum").with(label("4XX: the client's request")),
            endpoint.metric("Invocation5XXErrors", "Sum").with(label("5XX: the model server"))));
  }

  private static List<IWidget> monitoringWidgets(Props props) {
    Monitoring m = props.monitoring();
    Map<String, String> dimensions = Map.of(
        "Endpoint", props.endpoint().endpointName(),
        "MonitoringSchedule", m.monitoringScheduleName());
    List<IMetric> drift = new ArrayList<>();
    for (String feature : m.driftFeatures()) {
      drift.add(RookeryAlarms.dataMetric("feature_baseline_drift_" + feature, dimensions).with(label(feature)));
    }
    String endpointName = props.endpoint().endpointName();
    // Empty until ground truth is uploaded and joined: the model-quality job publishes nothing
    // for an hour without labels.
    IMetric[] quality = RookeryAlarms.QUALITY_METRICS.stream()
        .map(n -> RookeryAlarms.qualityMetric(n, endpointName, m.qualityScheduleName()).with(label(n)))
        .toArray(IMetric[]::new);
    IMetric[] labels = RookeryAlarms.LABEL_METRICS.stream()
        .map(n -> RookeryAlarms.qualityMetric(n, endpointName, m.qualityScheduleName())
            .with(software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                .statistic("Maximum").label(n).build()))
        .toArray(IMetric[]::new);
    return List.of(
        graph("Drift distance per feature (hourly monitor)", HALF, drift.toArray(IMetric[]::new)),
        graph("Constraint violations (hourly monitor)", HALF,
            RookeryAlarms.dataMetric("constraint_violations", dimensions).with(label("violations"))),
        graph("Model quality of labelled predictions (hourly, worst hour)", HALF, quality),
        graph("Ground-truth labels per hour: joined, without prediction, unknown class", HALF,
            labels));
  }

  private static IWidget alarmWidget(List<IAlarm> alarms) {
    if (alarms.isEmpty()) {
      return TextWidget.Builder.create()
          .markdown("### Alarms\nThis environment has no alarms (alarms.enabled is false in cdk.json).")
          .width(24)
          .height(2)
          .build();
    }
    return AlarmStatusWidget.Builder.create()
        .title("Alarms")
        .alarms(alarms)
        .width(24)
        .height(HEIGHT)
        .build();
  }

  private static List<IWidget> functionWidgets(Map<String, JavaFunction> functions) {
    List<IMetric> errors = new ArrayList<>();
    List<IMetric> durations = new ArrayList<>();
    List<String> logGroups = new ArrayList<>();
    functions.forEach((name, f) -> {
      // The function's metrics (FunctionName) aggregate every version and alias, the live one included.
      errors.add(f.getFunction().metricErrors(sum(name)));
      durations.add(f.getFunction().metricDuration(MetricOptions.builder().statistic("p99").label(name).build()));
      logGroups.add(f.getLogGroup().getLogGroupName());
    });
    List<IWidget> widgets = new ArrayList<>();
    widgets.add(graph("Lambda errors (per 5 minutes)", HALF, errors.toArray(IMetric[]::new)));
    widgets.add(graph("Lambda duration p99 (ms)", HALF, durations.toArray(IMetric[]::new)));
    if (!logGroups.isEmpty()) {
      widgets.add(LogQueryWidget.Builder.create()
          .title("Lambda cold starts (SnapStart restores) per function and hour")
          .logGroupNames(logGroups)
          .queryLines(List.of(
              "filter type = \"platform.report\"",
              "parse @log /\\d+:\\/aws\\/lambda\\/(?<function>.*)/",
              "stats count(*) as invocations,"
                  + " sum(ispresent(record.metrics.restoreDurationMs) or ispresent(record.metrics.initDurationMs)) as coldStarts,"
                  + " avg(record.metrics.restoreDurationMs) as avgRestoreMs by function, bin(1h)"))
          .view(LogQueryVisualizationType.TABLE)
          .width(24)
          .height(HEIGHT)
          .build());
    }
    return widgets;
  }

  private static GraphWidget graph(String title, int width, IMetric... metrics) {
    return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(width).height(HEIGHT).build();
  }

  private static MetricOptions sum(String label) {
    return MetricOptions.builder().statistic("Sum").label(label).build();
  }

  private static MetricOptions label(String label) {
    return MetricOptions.builder().label(label).build();
  }
}
