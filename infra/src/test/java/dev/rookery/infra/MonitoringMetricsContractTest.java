package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.infra.constructs.RookeryAlarms;
import dev.rookery.infra.iam.SynthesizedPolicies;
import dev.rookery.statemachine.AslDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/**
 * The monitoring alarms watch what the chosen engine's publisher really writes. The publisher is
 * found in the template (the monitoring state machine's publish Task, or the rule that hands
 * Model Monitor's reports to the function), its namespace is the one PublishMetricsService uses
 * (the file's {@code namespace}, else the function's {@code METRICS_NAMESPACE}), the metric and
 * dimension names are those of the monitor's {@code cloudwatch_metrics.json} golden file, and the
 * dimension values those the engine passes to the monitor container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringMetricsContractTest {
  private static final Path GOLDEN = TestApps.REPO.resolve(
      "training-container/src/test/resources/monitor/cloudwatch_metrics.json");
  private final Map<String, JsonNode> stacks = new LinkedHashMap<>();
  private JsonNode golden;

  @BeforeAll
  void synthesise() throws IOException {
    golden = new ObjectMapper().readTree(Files.readString(GOLDEN));
    stacks.put("processing", new SynthesizedPolicies(Template.fromStack(
        TestApps.stack("dev", Map.of())).toJSON()).resources());
    stacks.put("model-monitor", new SynthesizedPolicies(Template.fromStack(
        TestApps.stack("prod", Map.of("monitoringEngine", "model-monitor"))).toJSON()).resources());
  }

  /** What the engine's publisher writes: namespace and the monitor's dimension values. */
  private record Published(String namespace, Map<String, String> dimensions) { }

  private static List<JsonNode> ofType(JsonNode resources, String type) {
    List<JsonNode> found = new ArrayList<>();
    resources.forEach(r -> {
      if (r.path("Type").asText().equals(type)) {
        found.add(r.path("Properties"));
      }
    });
    return found;
  }

  /** The publish function behind an alias ARN: its METRICS_NAMESPACE. */
  private static String functionNamespace(JsonNode resources, String aliasArn) {
    String functionName = aliasArn.substring(aliasArn.indexOf(":function:") + ":function:".length(),
        aliasArn.lastIndexOf(':'));
    return ofType(resources, "AWS::Lambda::Function").stream()
        .filter(f -> f.path("FunctionName").asText().equals(functionName)).findFirst()
        .orElseThrow().at("/Environment/Variables/METRICS_NAMESPACE").asText();
  }

  /**
   * What the engine gives the model-quality job as its endpoint and schedule: the processing
   * engine's MonitorQuality state, the model-monitor engine's ModelQuality schedule.
   */
  private Map<String, String> qualityDimensions(String engine) throws IOException {
    JsonNode resources = stacks.get(engine);
    if (engine.equals("processing")) {
      JsonNode environment = monitoringDefinition(resources).states().get("MonitorQuality")
          .at("/Parameters/Environment");
      return Map.of("Endpoint", environment.path("sagemaker_endpoint_name").asText(),
          "MonitoringSchedule", environment.path("sagemaker_monitoring_schedule_name").asText());
    }
    JsonNode schedule = schedule(resources, "ModelQuality");
    return Map.of("Endpoint", schedule.path("EndpointName").asText(),
        "MonitoringSchedule", schedule.path("MonitoringScheduleName").asText());
  }

  private static JsonNode schedule(JsonNode resources, String type) {
    return ofType(resources, "AWS::SageMaker::MonitoringSchedule").stream()
        .filter(s -> s.at("/MonitoringScheduleConfig/MonitoringType").asText().equals(type))
        .findFirst().orElseThrow();
  }

  private static AslDefinition monitoringDefinition(JsonNode resources) throws IOException {
    JsonNode machine = ofType(resources, "AWS::StepFunctions::StateMachine").stream()
        .filter(m -> m.path("StateMachineName").asText().endsWith("-monitoring"))
        .findFirst().orElseThrow();
    Map<String, String> values = new LinkedHashMap<>();
    machine.path("DefinitionSubstitutions").fields()
        .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    Path file = Files.createTempFile("monitoring", ".asl.json");
    Files.writeString(file, machine.path("DefinitionString").asText());
    return AslDefinition.read(file).substitute(values);
  }

  private Published publisher(String engine) throws IOException {
    JsonNode resources = stacks.get(engine);
    String fileNamespace = golden.path("namespace").asText("");
    if (engine.equals("processing")) {
      AslDefinition definition = monitoringDefinition(resources);
      JsonNode environment = definition.states().get("Monitor").at("/Parameters/Environment");
      String aliasArn = definition.states().get("PublishMetrics")
          .at("/Parameters/FunctionName").asText();
      return new Published(fileNamespace.isEmpty() ? functionNamespace(resources, aliasArn)
          : fileNamespace, Map.of(
              "Endpoint", environment.path("sagemaker_endpoint_name").asText(),
              "MonitoringSchedule", environment.path("sagemaker_monitoring_schedule_name").asText()));
    }
    // Model Monitor gives the container the schedule's endpoint and name
    // (sagemaker_endpoint_name, sagemaker_monitoring_schedule_name); the rule on its reports
    // invokes the publish function.
    JsonNode schedule = schedule(resources, "DataQuality");
    List<String> ruleTargets = new ArrayList<>();
    ofType(resources, "AWS::Events::Rule").forEach(rule -> {
      if (rule.toString().contains("cloudwatch_metrics.json")) {
        rule.path("Targets").forEach(t -> ruleTargets.add(t.path("Arn").asText()));
      }
    });
    assertThat(ruleTargets).as("a rule hands Model Monitor's reports to the publish function")
        .hasSize(1);
    return new Published(fileNamespace.isEmpty()
        ? functionNamespace(resources, ruleTargets.get(0)) : fileNamespace, Map.of(
            "Endpoint", schedule.path("EndpointName").asText(),
            "MonitoringSchedule", schedule.path("MonitoringScheduleName").asText()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"processing", "model-monitor"})
  void dataAlarms_engine_watchWhatItsPublisherWrites(String engine) throws IOException {
    // given what the publisher writes
    Published published = publisher(engine);
    Set<String> goldenMetrics = new TreeSet<>();
    Set<String> goldenDimensions = new TreeSet<>();
    golden.path("metrics").forEach(m -> {
      goldenMetrics.add(m.path("MetricName").asText());
      m.path("Dimensions").forEach(d -> goldenDimensions.add(d.path("Name").asText()));
    });
    // when the alarms on monitor metrics (not AWS/ namespaces) are read
    List<JsonNode> dataAlarms = ofType(stacks.get(engine), "AWS::CloudWatch::Alarm").stream()
        .filter(a -> !a.path("Namespace").asText().startsWith("AWS/"))
        .filter(a -> !RookeryAlarms.QUALITY_METRICS.contains(a.path("MetricName").asText()))
        .toList();
    // then each watches the publisher's namespace, a metric it writes, with its dimensions
    assertThat(dataAlarms).hasSizeGreaterThan(1);
    for (JsonNode alarm : dataAlarms) {
      String name = alarm.path("AlarmName").asText();
      assertThat(alarm.path("Namespace").asText()).as(name).isEqualTo(published.namespace());
      String metric = alarm.path("MetricName").asText();
      assertThat(goldenMetrics).as(name).contains(metric);
      Map<String, String> dimensions = new LinkedHashMap<>();
      alarm.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(),
          d.path("Value").asText()));
      assertThat(dimensions.keySet()).as(name).isEqualTo(goldenDimensions);
      assertThat(dimensions).as(name).isEqualTo(published.dimensions());
    }
  }

  /**
   * The model-quality alarms watch the namespace the publish function writes, one of the
   * model-quality job's metrics (RookeryAlarms.QUALITY_METRICS, the contract's list; the job's own
   * golden cloudwatch_metrics.json lives with the container), with the endpoint and schedule the
   * engine hands that job.
   */
  @ParameterizedTest
  @ValueSource(strings = {"processing", "model-monitor"})
  void qualityAlarms_engine_watchWhatTheModelQualityJobIsToldToWrite(String engine)
      throws IOException {
    // given
    Published drift = publisher(engine);
    Map<String, String> expected = qualityDimensions(engine);
    // when
    List<JsonNode> qualityAlarms = ofType(stacks.get(engine), "AWS::CloudWatch::Alarm").stream()
        .filter(a -> RookeryAlarms.QUALITY_METRICS.contains(a.path("MetricName").asText()))
        .toList();
    // then
    assertThat(qualityAlarms).isNotEmpty();
    assertThat(expected.get("MonitoringSchedule")).isNotEqualTo(drift.dimensions()
        .get("MonitoringSchedule"));
    for (JsonNode alarm : qualityAlarms) {
      String name = alarm.path("AlarmName").asText();
      assertThat(alarm.path("Namespace").asText()).as(name).isEqualTo(drift.namespace());
      Map<String, String> dimensions = new LinkedHashMap<>();
      alarm.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(),
          d.path("Value").asText()));
      assertThat(dimensions).as(name).isEqualTo(expected);
    }
  }
}
