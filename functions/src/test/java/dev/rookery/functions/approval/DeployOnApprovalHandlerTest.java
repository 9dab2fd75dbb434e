package dev.rookery.functions.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.SfnExecutionStarter;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Deploy-on-approval through the real Step Functions client against a recording local endpoint. */
class DeployOnApprovalHandlerTest {
  static final String DEPLOY_SM = "arn:aws:states:us-east-2:111122223333:stateMachine:rookery-deploy";
  static final String ARN = "arn:aws:sagemaker:us-east-2:111122223333:model-package/rookery-dev/3";

  @RegisterExtension
  final FakeAwsServer aws = new FakeAwsServer();
  final JsonHandler<DeployOnApprovalService> handler = JsonHandler.serving(new DeployOnApprovalService(
      new ApprovalConfig("rookery-dev", DEPLOY_SM, "rookery-dev"),
      new SfnExecutionStarter(aws.client(SfnClient.builder())), endpoint -> Optional.empty()), DeployOnApprovalHandler::handle);

  JsonNode invoke(InputStream event) {
    return Fixtures.invoke(handler, event);
  }

  @Test
  void handleRequest_approvedEvent_startsDeployStateMachine() {
    // given
    String name = "rookery-dev-3";
    aws.on("StartExecution", Response.json10(200, "{\"executionArn\":\"arn:aws:states:us-east-2:111122223333:"
        + "execution:rookery-deploy:" + name + "\",\"startDate\":1.7E9}"));

    // when
    JsonNode out = invoke(Fixtures.stream("events/model-package-approved.json"));

    // then
    JsonNode body = aws.only("StartExecution").json();
    assertThat(body.get("stateMachineArn").asText()).isEqualTo(DEPLOY_SM);
    assertThat(body.get("name").asText()).isEqualTo(name);
    // the event carries no CustomerMetadataProperties: its id is the correlation id
    assertThat(body.get("input").asText()).isEqualTo("{\"modelPackageArn\":\"" + ARN + "\","
        + "\"correlationId\":\"844e2571-85d4-695f-b930-0153b71dcb42\"}");
    assertThat(out.get("started").asBoolean()).isTrue();
  }

  static final String EXECUTION = "arn:aws:states:us-east-2:111122223333:execution:rookery-deploy:rookery-dev-3";

  static Response described(String status) {
    return Response.json10(200, "{\"executionArn\":\"" + EXECUTION + "\",\"stateMachineArn\":\"" + DEPLOY_SM
        + "\",\"name\":\"rookery-dev-3\",\"status\":\"" + status + "\",\"startDate\":1.7E9}");
  }

  @Test
  void handleRequest_duplicateEventWhileRunning_executionAlreadyExistsIsSuccess() {
    // given
    aws.on("StartExecution", Response.json10(400,
        "{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists\"}"));
    aws.on("DescribeExecution", described("RUNNING"));

    // when
    JsonNode out = invoke(Fixtures.stream("events/model-package-approved.json"));

    // then
    assertThat(out.get("started").asBoolean()).isFalse();
    assertThat(out.get("executionArn").asText()).isEqualTo(EXECUTION);
    assertThat(aws.operations()).containsExactly("StartExecution", "DescribeExecution");
    assertThat(aws.only("DescribeExecution").json().get("executionArn").asText()).isEqualTo(EXECUTION);
  }

  @Test
  void handleRequest_packageWithRegisteringRun_deployInputCarriesItAsCorrelationId() {
    // given: the package as RegisterService writes it, with the run in CustomerMetadataProperties
    aws.on("StartExecution", Response.json10(200, "{\"executionArn\":\"arn:aws:states:us-east-2:111122223333:"
        + "execution:rookery-deploy:rookery-dev-3\",\"startDate\":1.7E9}"));
    String event = Fixtures.text("events/model-package-approved.json").replace("\"ModelApprovalStatus\": \"Approved\",",
        "\"ModelApprovalStatus\": \"Approved\", \"CustomerMetadataProperties\": {\"execution\": \"rk-0123456789abcdef01234567\"},");

    // when
    invoke(Fixtures.json(event));

    // then
    JsonNode input = Fixtures.tree(aws.only("StartExecution").json().get("input").asText());
    assertThat(input.get("correlationId").asText()).isEqualTo("rk-0123456789abcdef01234567");
  }

  @Test
  void handleRequest_reapprovalAfterDeploymentSucceeded_startsUnderEventIdName() {
    // given: rookery-dev-3 deployed earlier and ended; the version is approved again
    String name = "rookery-dev-3-93f4888c"; // sha256("844e2571-85d4-695f-b930-0153b71dcb42"), the event id
    aws.on("StartExecution",
        Response.json10(400, "{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists\"}"),
        Response.json10(200, "{\"executionArn\":\"arn:aws:states:us-east-2:111122223333:execution:rookery-deploy:"
            + name + "\",\"startDate\":1.7E9}"));
    aws.on("DescribeExecution", described("SUCCEEDED"));

    // when
    JsonNode out = invoke(Fixtures.stream("events/model-package-approved.json"));

    // then
    assertThat(aws.operations()).containsExactly("StartExecution", "DescribeExecution", "StartExecution");
    JsonNode again = aws.requests().get(2).json();
    assertThat(again.get("name").asText()).isEqualTo(name);
    assertThat(again.get("stateMachineArn").asText()).isEqualTo(DEPLOY_SM);
    assertThat(again.get("input").asText()).isEqualTo("{\"modelPackageArn\":\"" + ARN + "\","
        + "\"correlationId\":\"844e2571-85d4-695f-b930-0153b71dcb42\"}");
    assertThat(out.get("started").asBoolean()).isTrue();
    assertThat(out.get("executionArn").asText()).endsWith(":execution:rookery-deploy:" + name);
  }

  @Test
  void handleRequest_rejectedEvent_ignoredWithoutCalls() {
    // when
    JsonNode out = invoke(Fixtures.stream("events/model-package-rejected.json"));

    // then
    assertThat(out.get("ignored").asText()).contains("Rejected");
    assertThat(aws.requests()).isEmpty();
  }

  @Test
  void handleRequest_uploadEvent_throwsInvalidEventNamingSource() {
    // when / then
    assertThatThrownBy(() -> invoke(Fixtures.stream("events/s3-object-created.json")))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("invalid event: field 'source' must be 'aws.sagemaker', found 'aws.s3'");
  }
}
