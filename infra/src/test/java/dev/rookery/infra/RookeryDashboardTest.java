package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.infra.constructs.RookeryAlarms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The dev environment's dashboard (RookeryDashboard): its body is read as the JSON CloudWatch
 * receives, with each CloudFormation reference written as {@code ${...}}.
 */
class RookeryDashboardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Template template;
  private static List<JsonNode> widgets;
  private static List<MetricLine> metrics;

  /** One metric of a widget: namespace, name, dimensions and rendering options. */
  record MetricLine(String title, String namespace, String name, Map<String, String> dimensions, JsonNode options) {}

  @BeforeAll
  static void synthesise() throws Exception {
    template = Template.fromStack(TestApps.stack("dev", Map.of()));
    Map<String, Map<String, Object>> dashboards = template.findResources("AWS::CloudWatch::Dashboard");
    Object body = ((Map<?, ?>) dashboards.values().iterator().next().get("Properties")).get("DashboardBody");
    widgets = new ArrayList<>();
    JSON.readTree(render(body)).get("widgets").forEach(widgets::add);
    metrics = new ArrayList<>();
    for (JsonNode w : widgets) {
      JsonNode lines = w.path("properties").path("metrics");
      for (JsonNode line : lines) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        JsonNode options = JSON.createObjectNode();
        for (int i = 2; i < line.size(); i++) {
          if (line.get(i).isObject()) {
            options = line.get(i);
          } else {
            dimensions.put(line.get(i).asText(), line.get(++i).asText());
          }
        }
        metrics.add(new MetricLine(w.path("properties").path("title").asText(), line.get(0).asText(),
            line.get(1).asText(), dimensions, options));
      }
    }
  }

  /** The body's {@code Fn::Join} as text, each intrinsic written as {@code ${...}}. */
  private static String render(Object body) throws Exception {
    if (body instanceof String s) {
      return s;
    }
    List<?> join = (List<?>) ((Map<?, ?>) body).get("Fn::Join");
    StringBuilder out = new StringBuilder();
    for (Object part : (List<?>) join.get(1)) {
      out.append(part instanceof String s ? s : "${" + JSON.writeValueAsString(part).replace("\"", "") + "}");
    }
    return out.toString();
  }

  private static List<MetricLine> lines(String namespace, String name) {
    return metrics.stream().filter(m -> m.namespace().equals(namespace) && m.name().equals(name)).toList();
  }

  @Test
  void dashboard_dev_isNamedAfterTheEnvironment() {
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "rookery-dev"));
  }

  @Test
  void dashboard_untagged_asThePinnedCfnLintRequires() {
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("Tags", Match.absent()));
  }

  @Test
  void pipelineWidgets_eachStateMachine_showStartedSucceededFailed() {
    int machines = template.findResources("AWS::StepFunctions::StateMachine").size();
    for (String name : List.of("ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed")) {
      List<MetricLine> found = lines("AWS/States", name);
      assertThat(found).as(name).hasSize(machines);
      assertThat(found).as(name).allMatch(m -> m.dimensions().containsKey("StateMachineArn"));
    }
  }

  @Test
  void endpointWidget_invocations_byEndpointAndVariant() {
    assertThat(lines("AWS/SageMaker", "Invocations")).singleElement().satisfies(m -> {
      assertThat(m.dimensions()).containsEntry("EndpointName", "rookery-dev").containsEntry("VariantName", "AllTraffic");
      assertThat(m.options().path("stat").asText()).isEqualTo("Sum");
    });
  }

  @Test
  void endpointWidget_latency_p50AndP99() {
    assertThat(lines("AWS/SageMaker", "ModelLatency")).extracting(m -> m.options().path("stat").asText())
        .containsExactly("p50", "p99");
  }

  @Test
  void endpointWidget_errors_4xxAnd5xx() {
    assertThat(lines("AWS/SageMaker", "Invocation4XXErrors")).hasSize(1);
    assertThat(lines("AWS/SageMaker", "Invocation5XXErrors")).hasSize(1);
  }

  @Test
  void driftWidget_eachConfiguredFeature_inTheAlarmsNamespace() {
    List<String> features = new ArrayList<>();
    TestApps.cdkJsonContext().get("environments").get("dev").get("driftFeatures").forEach(f -> features.add(f.asText()));
    List<MetricLine> drift = metrics.stream().filter(m -> m.name().startsWith("feature_baseline_drift_")).toList();
    assertThat(drift).extracting(MetricLine::name)
        .containsExactlyElementsOf(features.stream().map(f -> "feature_baseline_drift_" + f).toList());
    assertThat(drift).allSatisfy(m -> {
      assertThat(m.namespace()).isEqualTo(RookeryAlarms.DATA_METRICS_NAMESPACE);
      assertThat(m.dimensions()).containsEntry("Endpoint", "rookery-dev").containsEntry("MonitoringSchedule", "rookery-dev-monitor");
    });
  }

  @Test
  void violationsWidget_constraintViolations_inTheAlarmsNamespace() {
    assertThat(lines(RookeryAlarms.DATA_METRICS_NAMESPACE, "constraint_violations")).hasSize(1);
  }

  @Test
  void qualityWidgets_scoresAndLabelCounts_onTheModelQualitySchedule() {
    List<String> names = new ArrayList<>(RookeryAlarms.QUALITY_METRICS);
    names.addAll(RookeryAlarms.LABEL_METRICS);
    for (String name : names) {
      assertThat(lines(RookeryAlarms.DATA_METRICS_NAMESPACE, name)).as(name).singleElement()
          .satisfies(m -> assertThat(m.dimensions()).containsEntry("Endpoint", "rookery-dev")
              .containsEntry("MonitoringSchedule", "rookery-dev-model-quality"));
    }
    assertThat(lines(RookeryAlarms.DATA_METRICS_NAMESPACE, "accuracy").get(0).options()
        .path("stat").asText()).isEqualTo("Minimum");
  }

  @Test
  void alarmWidget_showsEveryAlarmOfTheStack() {
    int alarms = template.findResources("AWS::CloudWatch::Alarm").size();
    JsonNode widget = widgets.stream().filter(w -> w.path("properties").has("alarms")).findFirst().orElseThrow();
    assertThat(alarms).isPositive();
    assertThat(widget.path("properties").path("alarms")).hasSize(alarms);
  }

  @Test
  void lambdaWidgets_errorsAndDuration_perFunction() {
    int functions = template.findResources("AWS::Lambda::Function",
        Map.of("Properties", Match.objectLike(Map.of("Handler", Match.stringLikeRegexp("dev\\.rookery\\..*"))))).size();
    assertThat(lines("AWS/Lambda", "Errors")).hasSize(functions).allMatch(m -> m.dimensions().containsKey("FunctionName"));
    assertThat(lines("AWS/Lambda", "Duration")).hasSize(functions).allMatch(m -> m.options().path("stat").asText().equals("p99"));
  }

  @Test
  void coldStartWidget_queriesEachFunctionsPlatformReports() {
    int logGroups = template.findResources("AWS::Logs::LogGroup",
        Map.of("Properties", Match.objectLike(Map.of("LogGroupName", Match.stringLikeRegexp("/aws/lambda/.*"))))).size();
    JsonNode widget = widgets.stream().filter(w -> w.path("type").asText().equals("log")).findFirst().orElseThrow();
    String query = widget.path("properties").path("query").asText();
    assertThat(query).contains("type = \"platform.report\"").contains("record.metrics.restoreDurationMs");
    assertThat(query.split("SOURCE ", -1)).hasSize(logGroups + 1);
  }

  @Test
  void outputs_nameAndUrl() {
    String dashboardId = template.findResources("AWS::CloudWatch::Dashboard").keySet().iterator().next();
    assertThat(template.findOutputs("*", Map.of("Value", Map.of("Ref", dashboardId)))).hasSize(1);
    Map<String, Map<String, Object>> urls = template.findOutputs("*",
        Map.of("Description", "The environment's CloudWatch dashboard in the console"));
    assertThat(urls).hasSize(1);
    assertThat(urls.values().iterator().next().get("Value").toString()).contains("#dashboards:name=");
  }
}
