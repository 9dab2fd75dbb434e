package dev.rookery.functions.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.common.SnsNotifier;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The failure notification end to end through the real Step Functions and SNS clients against a
 * recording local endpoint, for a status change event shaped like AWS's documented FAILED example
 * (no {@code error}, no {@code cause}).
 */
class ExecutionFailureHandlerTest {
  static final String TOPIC = "arn:aws:sns:us-east-2:111122223333:rookery-dev-notifications";
  static final String EXECUTION =
      "arn:aws:states:us-east-2:111122223333:execution:rookery-dev-pipeline:rk-0123456789abcdef01234567";

  @RegisterExtension
  final FakeAwsServer aws = new FakeAwsServer();
  final JsonHandler<ExecutionFailureService> handler = JsonHandler.serving(new ExecutionFailureService(
      new SfnExecutionDescriber(aws.client(SfnClient.builder())),
      new SnsNotifier(aws.client(SnsClient.builder()), TOPIC)), ExecutionFailureHandler::handle);

  JsonNode invoke(InputStream event) {
    return Fixtures.invoke(handler, event);
  }

  static Response described(String status, String errorAndCause) {
    return Response.json10(200, "{\"executionArn\":\"" + EXECUTION + "\",\"stateMachineArn\":"
        + "\"arn:aws:states:us-east-2:111122223333:stateMachine:rookery-dev-pipeline\",\"name\":"
        + "\"rk-0123456789abcdef01234567\",\"status\":\"" + status + "\",\"startDate\":1.7E9"
        + errorAndCause + "}");
  }

  @Test
  void handleRequest_uncaughtRuntimeErrorWithoutErrorInEvent_emailsErrorAndCauseFromDescribeExecution() {
    // given: the event carries no error (AWS's documented example); DescribeExecution has it
    aws.on("DescribeExecution", described("FAILED", ",\"error\":\"States.Runtime\",\"cause\":"
        + "\"An error occurred while executing the state 'LocateBaseline' (entered at the event id #42)."
        + " The function 'States.ArrayGetItem' had the following error: index out of bounds\""));
    aws.on("Publish", Response.snsPublished());

    // when
    JsonNode out = invoke(Fixtures.stream("events/sfn-execution-failed.json"));

    // then
    assertThat(out.get("notified").asBoolean()).isTrue();
    assertThat(aws.operations()).containsExactly("DescribeExecution", "Publish");
    assertThat(aws.only("DescribeExecution").json().get("executionArn").asText()).isEqualTo(EXECUTION);
    Map<String, String> publish = aws.only("Publish").form();
    assertThat(publish.get("TopicArn")).isEqualTo(TOPIC);
    assertThat(publish.get("Subject")).isEqualTo("Rookery: rookery-dev-pipeline execution FAILED");
    assertThat(publish.get("Message"))
        .contains("Rookery execution rk-0123456789abcdef01234567 of arn:aws:states:us-east-2:111122223333:"
            + "stateMachine:rookery-dev-pipeline ended FAILED.")
        .contains("Error: States.Runtime\n")
        .contains("Cause: An error occurred while executing the state 'LocateBaseline'")
        .contains("Execution: " + EXECUTION);
  }

  @Test
  void handleRequest_caughtError_notEmailedAgain() {
    // given: the machine's Catch took it and its Notify*Failure state e-mailed it
    aws.on("DescribeExecution", described("FAILED", ",\"error\":\"Rookery.EndpointFailed\",\"cause\":\"x\""));

    // when
    JsonNode out = invoke(Fixtures.stream("events/sfn-execution-failed.json"));

    // then
    assertThat(out.get("notified").asBoolean()).isFalse();
    assertThat(out.get("reason").asText()).contains("Rookery.EndpointFailed was caught");
    assertThat(aws.operations()).containsExactly("DescribeExecution");
  }

  @Test
  void handleRequest_failedWithoutErrorAnywhere_emailsThatTheyAreUnknown() {
    // given
    aws.on("DescribeExecution", described("FAILED", ""));
    aws.on("Publish", Response.snsPublished());

    // when
    invoke(Fixtures.stream("events/sfn-execution-failed.json"));

    // then
    assertThat(aws.only("Publish").form().get("Message"))
        .contains("Error: unknown (Step Functions reports none)")
        .contains("Cause: unknown (Step Functions reports none)");
  }

  @Test
  void handleRequest_describeExecutionDenied_stillEmailsSayingWhy() {
    // given
    aws.on("DescribeExecution", Response.json10(400, "{\"__type\":\"AccessDeniedException\",\"message\":"
        + "\"User is not authorized to perform: states:DescribeExecution\"}"));
    aws.on("Publish", Response.snsPublished());

    // when
    JsonNode out = invoke(Fixtures.stream("events/sfn-execution-failed.json"));

    // then
    assertThat(out.get("notified").asBoolean()).isTrue();
    assertThat(aws.only("Publish").form().get("Message"))
        .contains("Error: unknown (DescribeExecution failed: User is not authorized to perform: states:DescribeExecution");
  }

  @Test
  void handleRequest_timedOut_emailedWithStatesTimeout() {
    // given
    String event = new String(Fixtures.bytes("events/sfn-execution-failed.json"), StandardCharsets.UTF_8)
        .replace("\"status\": \"FAILED\"", "\"status\": \"TIMED_OUT\"");
    aws.on("DescribeExecution", described("TIMED_OUT", ",\"error\":\"States.Timeout\""));
    aws.on("Publish", Response.snsPublished());

    // when
    invoke(Fixtures.json(event));

    // then
    assertThat(aws.only("Publish").form().get("Subject")).isEqualTo("Rookery: rookery-dev-pipeline execution TIMED_OUT");
    assertThat(aws.only("Publish").form().get("Message")).contains("ended TIMED_OUT.\nError: States.Timeout\n");
  }

  @Test
  void handleRequest_notAStatesEvent_throwsInvalidEventNamingSource() {
    assertThatThrownBy(() -> invoke(Fixtures.stream("events/model-package-approved.json")))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("'source'");
    assertThat(aws.operations()).isEmpty();
  }
}
