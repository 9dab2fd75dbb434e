package dev.rookery.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.functions.approval.DeployOnApprovalHandler;
import dev.rookery.functions.deploy.DeployHandler;
import dev.rookery.functions.exceptions.ModelPackageNotApprovedException;
import dev.rookery.functions.register.RegisterHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Registration to deployment, on moto (LocalStack has no SageMaker): RegisterHandler creates the
 * missing group and a version with its metrics, baseline and metadata; a pending version is
 * refused by DeployHandler until it is approved; the approval event, matched by the synthesized
 * {@code ModelApproved} rule, makes DeployOnApprovalHandler start the deploy state machine; that
 * machine runs to the end on moto, its Deploy task answered with what DeployHandler returned for
 * the same input, and the endpoint, its config and the published baseline are what the stack's
 * settings ask for.
 */
@ExtendWith(EmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistrationToDeploymentIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The deploy machine waits 60 s before its first DescribeEndpoint; the rest takes seconds. */
  private static final Duration DEPLOY_RUN = Duration.ofSeconds(150);

  private static Emulator emulator;
  private static DeployedStack stack;
  private static Handlers handlers;
  private static SageMakerClient sageMaker;
  private static S3Client s3;
  private static SfnClient sfn;
  private static String artifactsBucket;
  private static Queue notifications;
  private static String firstVersionArn;
  private static String deployMachine;

  @BeforeAll
  static void deploy(Emulator running) {
    emulator = running;
    org.junit.jupiter.api.Assumptions.assumeTrue(emulator.isMoto(), "LocalStack 4.14.0's"
        + " community image has no SageMaker: this flow runs on moto (README: emulator tests)");
    stack = DeployedStack.on(emulator);
    handlers = new Handlers(emulator, stack);
    sageMaker = emulator.client(SageMakerClient.builder());
    s3 = emulator.client(S3Client.builder());
    sfn = emulator.stepFunctions();
    deployMachine = stack.createStateMachine(DeployedStack.stateMachineName(handlers.environment(
        DeployOnApprovalHandler.class).get("DEPLOY_STATE_MACHINE_ARN")), sfn);
    artifactsBucket = handlers.artifactsBucket();
    notifications = Queue.subscribedTo(emulator, handlers.topicArn(),
        "registration-notifications");
  }

  @Test
  @Order(1)
  void register_createsMissingGroupAndVersionWithMetricsBaselineAndMetadata() throws Exception {
    Map<String, String> env = handlers.environment(RegisterHandler.class);
    String group = env.get("MODEL_PACKAGE_GROUP_NAME");

    JsonNode registered = Handlers.invoke(handlers.register(Map.of()), registerInput("rk-first"));

    assertThat(sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(group))
        .modelPackageGroupName()).isEqualTo(group);
    DescribeModelPackageResponse version = sageMaker.describeModelPackage(b -> b.modelPackageName(
        registered.path("modelPackageArn").asText()));
    assertThat(version.modelPackageGroupName()).isEqualTo(group);
    assertThat(version.modelApprovalStatusAsString()).isEqualTo(env.get("APPROVAL_STATUS"))
        .isEqualTo(registered.path("approvalStatus").asText());
    assertThat(version.modelMetrics().modelQuality().statistics().s3Uri())
        .isEqualTo(uri("runs/rk-first/evaluation/model-quality/statistics.json"));
    assertThat(version.modelMetrics().modelQuality().constraints().s3Uri())
        .isEqualTo(uri("runs/rk-first/evaluation/model-quality/constraints.json"));
    assertThat(version.driftCheckBaselines().modelDataQuality().statistics().s3Uri())
        .isEqualTo(uri("runs/rk-first/baseline/statistics.json"));
    assertThat(version.customerMetadataProperties())
        .containsEntry("execution", "rk-first")
        .containsEntry("accuracy", "0.9807692307692307")
        .containsEntry("hp_epochs", "17")
        .containsEntry("run_json", uri("runs/rk-first/run.json"));
    // the run record, completed by register in the emulator's S3, names the version
    dev.rookery.runs.RunRecord record = dev.rookery.runs.RunRecord.parse(s3.getObjectAsBytes(b -> b
        .bucket(artifactsBucket).key("runs/rk-first/run.json")).asUtf8String(), "run.json");
    assertThat(record.model()).map(dev.rookery.runs.RunRecord.Model::arn)
        .contains(java.util.Optional.of(registered.path("modelPackageArn").asText()));
    assertThat(version.inferenceSpecification().containers().get(0).image())
        .isEqualTo(env.get("IMAGE_URI"));
  }

  @Test
  @Order(2)
  void pendingVersion_isRefusedUntilApproved_thenApprovalRunsTheDeployMachineToTheEnd()
      throws Exception {
    Map<String, String> deployEnv = handlers.environment(DeployHandler.class);
    String endpointName = deployEnv.get("ENDPOINT_NAME");
    JsonNode registered = Handlers.invoke(
        handlers.register(Map.of("APPROVAL_STATUS", "PendingManualApproval")),
        registerInput("rk-second"));
    firstVersionArn = registered.path("modelPackageArn").asText();
    String request = JSON.createObjectNode().put("modelPackageArn", firstVersionArn).toString();

    assertThatThrownBy(() -> Handlers.invoke(handlers.deploy(Map.of()), request))
        .isInstanceOf(ModelPackageNotApprovedException.class);
    assertThat(sageMaker.listEndpoints(b -> b.nameContains(endpointName)).endpoints()).isEmpty();

    // Approval, as a user does it; SageMaker then emits the state change to EventBridge, which
    // moto does not, so the event is put on the bus in the documented shape.
    sageMaker.updateModelPackage(b -> b.modelPackageArn(firstVersionArn)
        .modelApprovalStatus(ModelApprovalStatus.APPROVED));
    putApprovalEvent(firstVersionArn);
    String approvalRule = stack.synthesized().ruleOn("aws.sagemaker");
    List<JsonNode> matched = stack.ruleQueue(approvalRule).receive(1, Duration.ofSeconds(10));
    assertThat(matched).as("events the approval rule matched").hasSize(1);

    // What the deploy machine's Deploy task gets back: the real handler's answer to its input.
    JsonNode deployment = Handlers.invoke(handlers.deploy(Map.of()), request);
    assertThat(deployment.path("action").asText()).isEqualTo("CREATE");
    emulator.queueLambdaResults(List.of(deployment.toString()));
    JsonNode started = Handlers.invoke(handlers.approval(
        Map.of("DEPLOY_STATE_MACHINE_ARN", deployMachine), sfn), matched.get(0).toString());
    assertThat(started.path("started").asBoolean()).as("approval handler: %s", started).isTrue();

    String execution = started.path("executionArn").asText();
    ExecutionStatus status = StateMachineRuns.awaitEnd(sfn, deployMachine, execution, DEPLOY_RUN);
    assertThat(status).as("deploy machine, states %s, history in %s",
        StateMachineRuns.statesEntered(sfn, execution), StateMachineRuns.dump(sfn, execution))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(StateMachineRuns.statesEntered(sfn, execution))
        .contains("Deploy", "DescribeEndpoint", "PublishBaselineStatistics",
            "PublishBaselineConstraints", "PublishQualityConstraints", "NotifyDeploySuccess",
            "DeploySucceeded");

    assertEndpointServes(deployEnv, deployment);
    // The baseline this version was trained with is where the monitor reads it.
    String published = monitoringBaselinePrefix() + "/statistics.json";
    assertThat(s3.getObjectAsBytes(b -> b.bucket(artifactsBucket).key(published)).asUtf8String())
        .isEqualTo(baselineBody("rk-second", "statistics"));
    // and its model-quality constraints where the model-quality schedule reads them
    String quality = monitoringBaselinePrefix() + "/model-quality/constraints.json";
    assertThat(s3.getObjectAsBytes(b -> b.bucket(artifactsBucket).key(quality)).asUtf8String())
        .isEqualTo(baselineBody("rk-second", "model-quality"));
    List<JsonNode> messages = notifications.receive(1, Duration.ofSeconds(10)).stream()
        .filter(m -> m.path("Subject").asText().contains("endpoint updated")).toList();
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("Message").asText())
        .contains("Endpoint " + endpointName + " is InService with model package "
            + firstVersionArn)
        .contains(deployment.path("endpointConfigName").asText());
  }

  @Test
  @Order(3)
  void secondApprovedVersion_isAnUpdate_whichMotoCannotRun() throws Exception {
    JsonNode registered = Handlers.invoke(handlers.register(Map.of()), registerInput("rk-third"));
    String request = JSON.createObjectNode()
        .put("modelPackageArn", registered.path("modelPackageArn").asText()).toString();
    // moto 5.2.1 has no UpdateEndpoint (it answers 500). The update's request (DeploymentConfig,
    // blue/green, auto-rollback alarms) is proven on the wire by functions' DeployHandlerTest
    // (handleRequest_inServiceCanary_updatesWithBlueGreenAndAutoRollback and _inServiceLinear_).
    assertThatThrownBy(() -> Handlers.invoke(handlers.deploy(Map.of()), request))
        .isInstanceOf(SageMakerException.class)
        .satisfies(e -> assertThat(((SageMakerException) e).statusCode()).isEqualTo(500));
    // Everything before the update was created, so a retry reuses it.
    String version = registered.path("modelPackageVersion").asText();
    assertThat(sageMaker.listEndpointConfigs(b -> b.nameContains("-c" + version + "-"))
        .endpointConfigs()).hasSize(1);
  }

  private static void assertEndpointServes(Map<String, String> env, JsonNode deployment) {
    DescribeEndpointResponse endpoint = sageMaker.describeEndpoint(b -> b.endpointName(
        env.get("ENDPOINT_NAME")));
    assertThat(endpoint.endpointStatusAsString()).isEqualTo("InService");
    assertThat(endpoint.endpointConfigName())
        .isEqualTo(deployment.path("endpointConfigName").asText());
    DescribeEndpointConfigResponse config = sageMaker.describeEndpointConfig(b ->
        b.endpointConfigName(endpoint.endpointConfigName()));
    ProductionVariant variant = config.productionVariants().get(0);
    assertThat(variant.variantName()).isEqualTo(env.get("VARIANT_NAME"));
    assertThat(variant.modelName()).isEqualTo(deployment.path("modelName").asText());
    assertThat(variant.instanceTypeAsString()).isEqualTo(env.get("INSTANCE_TYPE"));
    assertThat(variant.initialInstanceCount())
        .isEqualTo(Integer.parseInt(env.get("INSTANCE_COUNT")));
    DataCaptureConfig capture = config.dataCaptureConfig();
    int percent = Integer.parseInt(env.get("CAPTURE_PERCENT"));
    assertThat(capture).as("data capture of %s", config.endpointConfigName()).isNotNull();
    assertThat(capture.enableCapture()).isEqualTo(percent > 0);
    assertThat(capture.initialSamplingPercentage()).isEqualTo(percent);
    assertThat(capture.destinationS3Uri()).isEqualTo(env.get("CAPTURE_S3_URI"));
    assertThat(capture.captureOptions()).extracting(CaptureOption::captureMode)
        .containsExactlyInAnyOrder(CaptureMode.INPUT, CaptureMode.OUTPUT);
    assertThat(sageMaker.describeModel(b -> b.modelName(variant.modelName())).containers().get(0)
        .modelPackageName()).isEqualTo(firstVersionArn);
  }

  /** The RegisterHandler input the pipeline's Register state sends, with its files in S3. */
  private static String registerInput(String execution) {
    for (String kind : List.of("statistics", "constraints")) {
      s3.putObject(b -> b.bucket(artifactsBucket).key("runs/" + execution + "/baseline/" + kind
          + ".json"), RequestBody.fromString(baselineBody(execution, kind)));
    }
    s3.putObject(b -> b.bucket(artifactsBucket).key("runs/" + execution
        + "/evaluation/evaluation.json"), RequestBody.fromString("{\"accuracy\":0.98}"));
    // the run record's first version, as the evaluate job writes it; register completes it
    s3.putObject(b -> b.bucket(artifactsBucket).key("runs/" + execution + "/run.json"), RequestBody.fromString(
        new dev.rookery.runs.RunRecord(execution, java.time.Instant.parse("2026-12-03T13:00:00Z"),
            java.time.Instant.parse("2026-12-03T13:40:00Z"),
            new dev.rookery.runs.RunRecord.Dataset("s3://data/incoming/penguins.csv", "0".repeat(64), "species"),
            new dev.rookery.runs.RunRecord.Rows(240, 52, 52, 0), Map.of(),
            new dev.rookery.runs.RunRecord.Tuning("Bayesian", "validation:accuracy", List.of(), execution + "-002-4c1a9e2b"),
            Map.of("accuracy", 0.9807692307692307), java.util.Optional.empty(), java.util.Optional.empty()).toJson()));
    s3.putObject(b -> b.bucket(artifactsBucket).key("runs/" + execution
        + "/evaluation/model-quality/constraints.json"),
        RequestBody.fromString(baselineBody(execution, "model-quality")));
    ObjectNode input = JSON.createObjectNode();
    input.put("executionName", execution);
    input.putObject("dataset").put("uri", "s3://data/incoming/penguins.csv").put("version", "v1");
    input.put("trainingJobName", execution + "-002-4c1a9e2b");
    input.putObject("hyperparameters").put("algorithm", "logistic").put("epochs", "17");
    input.put("modelDataUrl", uri("tuning/" + execution + "/002/output/model.tar.gz"));
    input.putObject("evaluation").put("uri", uri("runs/" + execution + "/evaluation/evaluation.json"))
        .put("accuracy", 0.9807692307692307);
    input.putObject("baseline")
        .put("statisticsUri", uri("runs/" + execution + "/baseline/statistics.json"))
        .put("constraintsUri", uri("runs/" + execution + "/baseline/constraints.json"));
    ObjectNode run = input.putObject("run").put("uri", uri("runs/" + execution + "/run.json"));
    run.putObject("settings").putObject("gate").put("accuracy_threshold", 0.9);
    ((ObjectNode) run.get("settings")).putObject("tuning").put("strategy", "Bayesian");
    run.putArray("trials").addObject().put("TrainingJobName", execution + "-002-4c1a9e2b")
        .putObject("FinalHyperParameterTuningJobObjectiveMetric").put("MetricName", "validation:accuracy").put("Value", 0.98);
    return input.toString();
  }

  private static String baselineBody(String execution, String kind) {
    return "{\"" + kind + "\":\"" + execution + "\"}";
  }

  private static String uri(String key) {
    return "s3://" + artifactsBucket + "/" + key;
  }

  /** Where the deploy machine publishes the baseline: its PublishBaselineStatistics Key. */
  private static String monitoringBaselinePrefix() throws Exception {
    String definition = sfn.describeStateMachine(b -> b.stateMachineArn(deployMachine))
        .definition();
    String key = JSON.readTree(definition).path("States").path("PublishBaselineStatistics")
        .path("Parameters").path("Key").asText();
    return key.substring(0, key.lastIndexOf('/'));
  }

  private static void putApprovalEvent(String modelPackageArn) {
    DescribeModelPackageResponse p = sageMaker.describeModelPackage(b ->
        b.modelPackageName(modelPackageArn));
    ObjectNode detail = JSON.createObjectNode()
        .put("ModelPackageGroupName", p.modelPackageGroupName())
        .put("ModelPackageVersion", p.modelPackageVersion())
        .put("ModelPackageArn", p.modelPackageArn())
        .put("ModelApprovalStatus", p.modelApprovalStatusAsString())
        .put("ModelPackageStatus", p.modelPackageStatusAsString());
    try (EventBridgeClient events = emulator.client(EventBridgeClient.builder())) {
      assertThat(events.putEvents(b -> b.entries(e -> e.source("aws.sagemaker")
          .detailType("SageMaker Model Package State Change")
          .resources(modelPackageArn)
          .detail(detail.toString()))).failedEntryCount()).isZero();
    }
  }
}
