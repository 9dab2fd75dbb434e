package dev.rookery.functions.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.exceptions.EndpointBusyException;
import dev.rookery.functions.exceptions.EndpointFailedException;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.exceptions.ModelPackageNotApprovedException;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Deploy end to end through the real SageMaker client against a recording local endpoint. */
class DeployHandlerTest {
  static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/3";
  static final String INPUT = "{\"modelPackageArn\":\"" + ARN + "\"}";
  static final Response NOT_FOUND_ENDPOINT = Response.jsonError("ValidationException",
      "Could not find endpoint \\\"rookery-dev\\\".");

  @RegisterExtension
  final FakeAwsServer aws = new FakeAwsServer();

  JsonNode invoke(DeploymentStrategy strategy, List<String> alarms) {
    return invoke(strategy, alarms, INPUT);
  }

  JsonNode invoke(DeploymentStrategy strategy, List<String> alarms, String input) {
    JsonHandler<DeployService> handler = JsonHandler.serving(new DeployService(
        new DeployConfig("rookery-dev", "AllTraffic", "arn:aws:iam::111122223333:role/rookery-sagemaker",
            new Fleet("ml.m5.large", 2), new DataCapture(35, "s3://rookery-capture-111122223333/capture"),
            new DeployConfig.Rollout(strategy, alarms)),
        new SdkEndpointDeployer(aws.client(SageMakerClient.builder()))), DeployHandler::handle);
    return Fixtures.invoke(handler, Fixtures.json(input));
  }

  /** @param statusFields {@code EndpointStatus}'s JSON value, and any fields after it */
  void endpointIs(String statusFields) {
    aws.on("DescribeEndpoint", Response.json(200, "{\"EndpointName\":\"rookery-dev\",\"EndpointConfigName\":"
        + "\"rookery-dev-c2-0123456789\",\"EndpointStatus\":" + statusFields + "}"));
  }

  void approved() {
    aws.on("DescribeModelPackage", Response.json(200, "{\"ModelPackageName\":\"rookery-dev\","
        + "\"ModelPackageArn\":\"" + ARN + "\",\"ModelApprovalStatus\":\"Approved\","
        + "\"ModelPackageStatus\":\"Completed\",\"CreationTime\":1.7E9}"));
    aws.on("DescribeModel", Response.jsonError("ValidationException", "Could not find model \\\"x\\\"."));
    aws.on("CreateModel", Response.json(200, "{\"ModelArn\":\"arn:aws:sagemaker:us-east-1:111122223333:model/x\"}"));
    aws.on("DescribeEndpointConfig", Response.jsonError("ValidationException",
        "Could not find endpoint configuration \\\"x\\\"."));
    aws.on("CreateEndpointConfig", Response.json(200,
        "{\"EndpointConfigArn\":\"arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/x\"}"));
  }

  @Test
  void handleRequest_noEndpoint_sendsModelConfigWithDataCaptureAndCreatesEndpoint() {
    // given
    approved();
    aws.on("DescribeEndpoint", NOT_FOUND_ENDPOINT);
    aws.on("CreateEndpoint", Response.json(200,
        "{\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:111122223333:endpoint/rookery-dev\"}"));

    // when
    JsonNode out = invoke(DeploymentStrategy.CANARY, List.of("rookery-dev-5xx"));

    // then
    assertThat(aws.operations()).containsExactly("DescribeModelPackage", "DescribeEndpoint", "DescribeModel",
        "CreateModel", "DescribeEndpointConfig", "CreateEndpointConfig", "CreateEndpoint");
    String model = out.get("modelName").asText();
    String config = out.get("endpointConfigName").asText();
    assertThat(out.get("endpointName").asText()).isEqualTo("rookery-dev");
    assertThat(out.get("action").asText()).isEqualTo("CREATE");
    JsonNode createModel = aws.only("CreateModel").json();
    assertThat(createModel.get("ModelName").asText()).isEqualTo(model);
    assertThat(createModel.get("ExecutionRoleArn").asText()).isEqualTo("arn:aws:iam::111122223333:role/rookery-sagemaker");
    assertThat(createModel.get("Containers").toString()).isEqualTo("[{\"ModelPackageName\":\"" + ARN + "\"}]");
    JsonNode endpointConfig = aws.only("CreateEndpointConfig").json();
    assertThat(endpointConfig.get("EndpointConfigName").asText()).isEqualTo(config);
    assertThat(endpointConfig.get("ProductionVariants").toString()).isEqualTo("[{\"VariantName\":\"AllTraffic\","
        + "\"ModelName\":\"" + model + "\",\"InitialInstanceCount\":2,\"InstanceType\":\"ml.m5.large\","
        + "\"InitialVariantWeight\":1.0}]");
    JsonNode capture = endpointConfig.get("DataCaptureConfig");
    assertThat(capture.get("EnableCapture").asBoolean()).isTrue();
    assertThat(capture.get("InitialSamplingPercentage").asInt()).isEqualTo(35);
    assertThat(capture.get("DestinationS3Uri").asText()).isEqualTo("s3://rookery-capture-111122223333/capture");
    assertThat(capture.get("CaptureOptions").toString())
        .isEqualTo("[{\"CaptureMode\":\"Input\"},{\"CaptureMode\":\"Output\"}]");
    assertThat(capture.get("CaptureContentTypeHeader").toString()).isEqualTo(
        "{\"CsvContentTypes\":[\"text/csv\"],\"JsonContentTypes\":[\"application/json\",\"application/jsonlines\"]}");
    JsonNode createEndpoint = aws.only("CreateEndpoint").json();
    assertThat(createEndpoint.get("EndpointName").asText()).isEqualTo("rookery-dev");
    assertThat(createEndpoint.get("EndpointConfigName").asText()).isEqualTo(config);
  }

  @Test
  void handleRequest_inServiceCanary_updatesWithBlueGreenAndAutoRollback() {
    // given
    approved();
    aws.on("DescribeEndpoint", Response.json(200, "{\"EndpointName\":\"rookery-dev\",\"EndpointArn\":"
        + "\"arn:aws:sagemaker:us-east-1:111122223333:endpoint/rookery-dev\",\"EndpointConfigName\":"
        + "\"rookery-dev-c2-0123456789\",\"EndpointStatus\":\"InService\",\"CreationTime\":1.7E9,"
        + "\"LastModifiedTime\":1.7E9}"));
    aws.on("UpdateEndpoint", Response.json(200,
        "{\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:111122223333:endpoint/rookery-dev\"}"));

    // when
    JsonNode out = invoke(DeploymentStrategy.CANARY, List.of("rookery-dev-5xx", "rookery-dev-latency"));

    // then
    assertThat(out.get("action").asText()).isEqualTo("UPDATE");
    JsonNode update = aws.only("UpdateEndpoint").json();
    assertThat(update.get("EndpointName").asText()).isEqualTo("rookery-dev");
    assertThat(update.get("EndpointConfigName").asText()).isEqualTo(out.get("endpointConfigName").asText());
    assertThat(update.get("DeploymentConfig").toString()).isEqualTo("{\"BlueGreenUpdatePolicy\":"
        + "{\"TrafficRoutingConfiguration\":{\"Type\":\"CANARY\",\"WaitIntervalInSeconds\":300,"
        + "\"CanarySize\":{\"Type\":\"CAPACITY_PERCENT\",\"Value\":25}},\"TerminationWaitInSeconds\":300,"
        + "\"MaximumExecutionTimeoutInSeconds\":3600},\"AutoRollbackConfiguration\":{\"Alarms\":"
        + "[{\"AlarmName\":\"rookery-dev-5xx\"},{\"AlarmName\":\"rookery-dev-latency\"}]}}");
  }

  @Test
  void handleRequest_inServiceLinear_sendsLinearStepSize() {
    // given
    approved();
    endpointIs("\"InService\"");
    aws.on("UpdateEndpoint", Response.json(200, "{\"EndpointArn\":\"arn:x\"}"));

    // when
    invoke(DeploymentStrategy.LINEAR, List.of("rookery-dev-5xx"));

    // then
    JsonNode routing = aws.only("UpdateEndpoint").json()
        .at("/DeploymentConfig/BlueGreenUpdatePolicy/TrafficRoutingConfiguration");
    assertThat(routing.toString()).isEqualTo("{\"Type\":\"LINEAR\",\"WaitIntervalInSeconds\":300,"
        + "\"LinearStepSize\":{\"Type\":\"CAPACITY_PERCENT\",\"Value\":25}}");
  }

  static Stream<Arguments> endpointsDeployCannotActOn() {
    return Stream.of(
        Arguments.of("\"Updating\"", EndpointBusyException.class, "is Updating"),
        Arguments.of("\"Failed\",\"FailureReason\":\"The primary container for production variant"
            + " AllTraffic did not pass the ping health check.\"", EndpointFailedException.class,
            "did not pass the ping health check"));
  }

  @ParameterizedTest
  @MethodSource("endpointsDeployCannotActOn")
  void handleRequest_endpointNotActionable_throwsNamedErrorAndChangesNothing(String status,
      Class<? extends Exception> error, String message) {
    // given
    approved();
    endpointIs(status);

    // when / then
    assertThatThrownBy(() -> invoke(DeploymentStrategy.CANARY, List.of()))
        .isInstanceOf(error).hasMessageContaining(message);
    assertThat(aws.operations()).containsExactly("DescribeModelPackage", "DescribeEndpoint");
  }

  @Test
  void handleRequest_updateRacesAnotherDeployment_throwsEndpointBusy() {
    // given
    approved();
    endpointIs("\"InService\"");
    aws.on("UpdateEndpoint", Response.jsonError("ValidationException",
        "Cannot update in-progress endpoint \\\"arn:aws:sagemaker:us-east-1:111122223333:endpoint/rookery-dev\\\"."));

    // when / then
    assertThatThrownBy(() -> invoke(DeploymentStrategy.ALL_AT_ONCE, List.of()))
        .isInstanceOf(EndpointBusyException.class).hasMessageContaining("concurrent deployment");
  }

  @Test
  void handleRequest_rejectedPackage_throwsNotApproved() {
    // given
    aws.on("DescribeModelPackage", Response.json(200, "{\"ModelPackageArn\":\"" + ARN + "\","
        + "\"ModelApprovalStatus\":\"Rejected\"}"));

    // when / then
    assertThatThrownBy(() -> invoke(DeploymentStrategy.CANARY, List.of()))
        .isInstanceOf(ModelPackageNotApprovedException.class).hasMessageContaining("'Rejected'");
    assertThat(aws.operations()).containsExactly("DescribeModelPackage");
  }

  @Test
  void handleRequest_replaceFailedEndpoint_sendsDeleteEndpointAndReportsItBusy() {
    // given
    approved();
    endpointIs("\"Failed\"");
    aws.on("DeleteEndpoint", Response.json(200, "{}"));

    // when / then
    assertThatThrownBy(() -> invoke(DeploymentStrategy.ALL_AT_ONCE, List.of(),
        "{\"modelPackageArn\":\"" + ARN + "\",\"replaceFailedEndpoint\":true}"))
        .isInstanceOf(EndpointBusyException.class).hasMessageContaining("Deleting");
    assertThat(aws.operations()).containsExactly("DescribeModelPackage", "DescribeEndpoint", "DeleteEndpoint");
    assertThat(aws.only("DeleteEndpoint").json().get("EndpointName").asText()).isEqualTo("rookery-dev");
  }

  @Test
  void handleRequest_replaceFailedEndpointNotABoolean_throwsInvalidEventNamingIt() {
    assertThatThrownBy(() -> invoke(DeploymentStrategy.ALL_AT_ONCE, List.of(),
        "{\"modelPackageArn\":\"" + ARN + "\",\"replaceFailedEndpoint\":\"yes\"}"))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("replaceFailedEndpoint")
        .hasMessageContaining("string \"yes\"");
  }
}
