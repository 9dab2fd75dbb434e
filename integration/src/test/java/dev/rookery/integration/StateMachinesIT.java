package dev.rookery.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The synthesized state machines on the emulator's Step Functions: each is accepted by its parser,
 * and the monitoring machine runs its window planning (intrinsic functions over the schedule's time)
 * up to its hour-long Wait. The deploy machine's full run is in {@link RegistrationToDeploymentIT};
 * the pipeline's start in {@link UploadToRetrainingIT}. What moto cannot run (the Wait of 3900 s,
 * SageMaker {@code .sync} jobs) is executed by the ASL interpreter tests in {@code statemachine/}.
 */
@ExtendWith(EmulatorExtension.class)
class StateMachinesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DeployedStack stack;

  @BeforeAll
  static void deploy(Emulator emulator) {
    stack = DeployedStack.on(emulator);
  }

  @Test
  void everySynthesizedStateMachine_isAcceptedByTheEmulatorsParser(Emulator emulator) {
    for (JsonNode machine : stack.synthesized().resources("AWS::StepFunctions::StateMachine")
        .values()) {
      String name = machine.path("Properties").path("StateMachineName").asText();
      SfnClient sfn = emulator.stepFunctions();
      String arn = stack.createStateMachine(name, sfn);
      assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition())
          .as("definition of %s", name).doesNotContain("${");
      if (emulator.isMoto()) {
        // moto parses a definition only when it runs it: an empty input must get past parsing.
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn).input("{}"))
            .executionArn();
        List<String> entered = StateMachineRuns.awaitState(sfn, execution,
            firstState(stack.definition(name)), Duration.ofSeconds(10));
        assertThat(entered).as("states %s entered", name).isNotEmpty();
        sfn.stopExecution(b -> b.executionArn(execution));
      }
    }
  }

  @Test
  void monitoringMachine_plansTheScheduledHourThenWaitsForItToEnd(Emulator emulator)
      throws Exception {
    SfnClient sfn = emulator.stepFunctions();
    String name = stack.synthesized().resources("AWS::StepFunctions::StateMachine").values()
        .stream().map(r -> r.path("Properties").path("StateMachineName").asText())
        .filter(n -> n.endsWith("-monitoring")).findFirst().orElseThrow();
    String arn = stack.createStateMachine(name, sfn);
    // The hourly rule's input: {"scheduledTime": <the event's time>}.
    String execution = sfn.startExecution(b -> b.stateMachineArn(arn)
        .input("{\"scheduledTime\":\"2026-11-26T05:00:00Z\"}")).executionArn();
    String waitState = JSON.readTree(stack.definition(name)).path("States").properties().stream()
        .filter(e -> e.getValue().path("Type").asText().equals("Wait")).map(java.util.Map.Entry::getKey)
        .findFirst().orElseThrow();
    List<String> entered = StateMachineRuns.awaitState(sfn, execution, waitState,
        Duration.ofSeconds(20));
    assertThat(entered).as("history in %s", StateMachineRuns.dump(sfn, execution))
        .contains(waitState);
    JsonNode window = JSON.readTree(StateMachineRuns.output(sfn, execution, "PlanMonitoringWindow"))
        .path("window");
    assertThat(window.path("hourPath").asText()).isEqualTo("2026/11/26/05");
    assertThat(window.path("startTime").asText()).isEqualTo("2026-11-26T05:00:00Z");
    assertThat(window.path("jobName").asText()).startsWith("rk-monitor-2026112605-");
    assertThat(window.path("outputUri").asText()).startsWith("s3://")
        .endsWith("/2026/11/26/05");
    sfn.stopExecution(b -> b.executionArn(execution));
  }

  private static String firstState(String definition) {
    try {
      return JSON.readTree(definition).path("StartAt").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
