package dev.rookery.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.common.S3ObjectReader;
import dev.rookery.functions.common.SfnExecutionStarter;
import dev.rookery.functions.common.SnsNotifier;
import dev.rookery.functions.deploy.DataCapture;
import dev.rookery.functions.deploy.DeployConfig;
import dev.rookery.functions.deploy.DeployHandler;
import dev.rookery.functions.deploy.DeployService;
import dev.rookery.functions.deploy.DeploymentStrategy;
import dev.rookery.functions.deploy.Fleet;
import dev.rookery.functions.deploy.SdkEndpointDeployer;
import dev.rookery.functions.register.RegisterConfig;
import dev.rookery.functions.register.RegisterHandler;
import dev.rookery.functions.register.RegisterService;
import dev.rookery.functions.register.S3RunRecordStore;
import dev.rookery.functions.register.SdkSageMakerRegistry;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.testutils.LambdaContext;
import dev.rookery.functions.testutils.SageMakerAnswers;
import dev.rookery.functions.testutils.Stdout;
import dev.rookery.functions.trigger.TriggerConfig;
import dev.rookery.functions.trigger.TriggerHandler;
import dev.rookery.functions.trigger.TriggerService;
import dev.rookery.settings.PipelineSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * One upload followed through the real handlers (real SDK clients against a local endpoint), the
 * way operators find it in CloudWatch: every stdout line is parsed as JSON; the trigger's, the
 * register's and the deploy's log lines carry the upload's correlation id, the pipeline input
 * carries it, and each function's EMF document names its metrics and the id.
 */
class UploadCorrelationTest {
  static final String BUCKET = "rookery-data-111122223333";
  static final String KEY = "incoming/penguins.csv";
  static final String VERSION = "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e";
  static final String PIPELINE = "arn:aws:states:us-east-1:111122223333:stateMachine:rookery-pipeline";
  static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:rookery";
  static final String PACKAGE = "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/3";
  static final byte[] PENGUINS = ("species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,"
      + "body_mass_g,sex,year\nAdelie,Torgersen,39.1,18.7,181,3750,male,2007\n").getBytes(StandardCharsets.UTF_8);

  final FakeAwsServer aws = new FakeAwsServer();

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void oneUpload_correlationIdInEveryLogLineAndTheStateInput_metricsInEmf() {
    // given
    String id = Names.pipelineExecution(BUCKET, KEY, VERSION);
    aws.on("GET /" + BUCKET + "/" + KEY, Response.bytes(206, Map.of("Content-Type", "text/csv",
        "Content-Range", "bytes 0-" + (PENGUINS.length - 1) + "/" + PENGUINS.length), PENGUINS));
    aws.on("StartExecution", Response.json10(200, "{\"executionArn\":\"arn:aws:states:us-east-1:"
        + "111122223333:execution:rookery-pipeline:" + id + "\",\"startDate\":1.7E9}"));
    SageMakerAnswers.firstRegistrationAndDeployment(aws, PACKAGE);
    // the run record Evaluate wrote for this execution, which Register completes
    String runJson = "/rookery-artifacts-111122223333/runs/" + id + "/run.json";
    aws.on("GET " + runJson, Response.bytes(200, Map.of("Content-Type", "application/json"),
        Fixtures.text("events/run-draft.json").replace("rk-2b7e0c1f9a4d3e5f6a7b8c9d", id).getBytes(StandardCharsets.UTF_8)));
    aws.on("PUT " + runJson, Response.bytes(200, Map.of("ETag", "\"e\""), new byte[0]));

    try (Stdout stdout = new Stdout()) {
      // when: the trigger, then the Register and Deploy tasks with the payloads the state machines
      // build from that input (statemachine/test checks the ASL side of this hand-over)
      invoke(trigger(), Fixtures.text("events/s3-object-created.json"), "rookery-dev-trigger");
      JsonNode stateInput = Fixtures.tree(aws.only("StartExecution").json().get("input").asText());
      ObjectNode registerPayload = (ObjectNode) Fixtures.tree(Fixtures.text("events/register-input.json"));
      registerPayload.put("executionName", id).put("correlationId", stateInput.get("correlationId").asText());
      ((ObjectNode) registerPayload.get("run")).put("uri", "s3:/" + runJson);
      invoke(register(), registerPayload.toString(), "rookery-dev-register");
      invoke(deploy(), "{\"modelPackageArn\":\"" + PACKAGE + "\",\"correlationId\":\""
          + stateInput.get("correlationId").asText() + "\"}", "rookery-dev-deploy");

      // then
      assertThat(stateInput.get("correlationId").asText()).isEqualTo(id);
      for (String function : List.of("rookery-dev-trigger", "rookery-dev-register", "rookery-dev-deploy")) {
        List<JsonNode> lines = stdout.logs().stream()
            .filter(l -> function.equals(l.path("function_name").asText())).toList();
        assertThat(lines).as("log lines of %s", function).isNotEmpty();
        assertThat(lines).as("correlation ids of %s", function)
            .allSatisfy(l -> assertThat(l.path("correlation_id").asText()).isEqualTo(id));
      }
      assertMetrics(stdout.emf(), id, "UploadsAccepted", "RunsStarted", "ModelsRegistered", "DeploymentsStarted");
    }
  }

  @Test
  void rejectedUpload_countedAsRejectedUnderItsCorrelationId() {
    // given: a CSV without the target column
    byte[] noTarget = "island,bill_length_mm\nTorgersen,39.1\n".getBytes(StandardCharsets.UTF_8);
    aws.on("GET /" + BUCKET + "/" + KEY, Response.bytes(206, Map.of("Content-Type", "text/csv",
        "Content-Range", "bytes 0-" + (noTarget.length - 1) + "/" + noTarget.length), noTarget));
    aws.on("Publish", Response.xml(200, "<PublishResponse><PublishResult><MessageId>m</MessageId>"
        + "</PublishResult></PublishResponse>"));

    try (Stdout stdout = new Stdout()) {
      // when
      invoke(trigger(), Fixtures.text("events/s3-object-created.json"), "rookery-dev-trigger");

      // then
      String id = Names.pipelineExecution(BUCKET, KEY, VERSION);
      assertMetrics(stdout.emf(), id, "UploadsRejected");
      assertThat(stdout.emf()).noneSatisfy(doc -> assertThat(doc.has("UploadsAccepted")).isTrue());
      assertThat(stdout.logs()).anySatisfy(l -> {
        assertThat(l.get("level").asText()).isEqualTo("WARN");
        assertThat(l.get("correlation_id").asText()).isEqualTo(id);
      });
    }
  }

  /** Each named metric is in an EMF document: declared in its directive, valued 1, with the id. */
  static void assertMetrics(List<JsonNode> documents, String id, String... metrics) {
    List<String> declared = new ArrayList<>();
    for (JsonNode doc : documents) {
      JsonNode directive = doc.get("_aws").get("CloudWatchMetrics").get(0);
      assertThat(directive.get("Namespace").asText()).isEqualTo("Rookery");
      assertThat(doc.get("_aws").get("Timestamp").isNumber()).isTrue();
      for (JsonNode metric : directive.get("Metrics")) {
        String name = metric.get("Name").asText();
        declared.add(name);
        assertThat(metric.get("Unit").asText()).isEqualTo("Count");
        assertThat(doc.get(name).asDouble()).as(name).isEqualTo(1.0);
        assertThat(doc.get("correlation_id").asText()).as("correlation id of %s", name).isEqualTo(id);
      }
    }
    assertThat(declared).containsExactlyInAnyOrder(metrics);
  }

  void invoke(JsonHandler<?> handler, String event, String function) {
    handler.handleRequest(Fixtures.json(event), new ByteArrayOutputStream(), new LambdaContext(function));
  }

  JsonHandler<TriggerService> trigger() {
    return JsonHandler.serving(new TriggerService(
        new TriggerConfig(PIPELINE, TOPIC, PipelineSettings.parse(Fixtures.text("pipeline.json"), "pipeline.json")),
        new S3ObjectReader(aws.client(S3Client.builder().forcePathStyle(true))),
        new SfnExecutionStarter(aws.client(SfnClient.builder())),
        new SnsNotifier(aws.client(SnsClient.builder()), TOPIC), null), TriggerHandler::handle);
  }

  JsonHandler<RegisterService> register() {
    return JsonHandler.serving(new RegisterService(
        new RegisterConfig("rookery-dev", "111122223333.dkr.ecr.us-east-1.amazonaws.com/rookery:1",
            "Approved", List.of("ml.m5.large"), List.of()),
        new SdkSageMakerRegistry(aws.client(SageMakerClient.builder())),
        new S3RunRecordStore(aws.client(S3Client.builder().forcePathStyle(true)))), RegisterHandler::handle);
  }

  JsonHandler<DeployService> deploy() {
    return JsonHandler.serving(new DeployService(
        new DeployConfig("rookery-dev", "AllTraffic", "arn:aws:iam::111122223333:role/rookery-sagemaker",
            new Fleet("ml.m5.large", 1), new DataCapture(100, "s3://rookery-capture-111122223333/capture"),
            new DeployConfig.Rollout(DeploymentStrategy.ALL_AT_ONCE, List.of())),
        new SdkEndpointDeployer(aws.client(SageMakerClient.builder()))), DeployHandler::handle);
  }
}
