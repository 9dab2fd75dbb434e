package dev.rookery.functions.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.approval.ServedPackageFinder.ServedPackage;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.testutils.InMemoryExecutionStarter;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeployOnApprovalServiceTest {
  static final String DEPLOY_SM = "arn:aws:states:us-east-2:111122223333:stateMachine:rookery-deploy";
  static final String ARN = "arn:aws:sagemaker:us-east-2:111122223333:model-package/rookery-dev/3";
  static final String EVENT_ID = "844e2571-85d4-695f-b930-0153b71dcb42";

  final InMemoryExecutionStarter executions = new InMemoryExecutionStarter();
  /** What the endpoint serves: nothing until a test says otherwise. */
  ServedPackage serving;
  final DeployOnApprovalService service = new DeployOnApprovalService(
      new ApprovalConfig("rookery-dev", DEPLOY_SM, "rookery-dev"), executions,
      endpoint -> endpoint.equals("rookery-dev") ? Optional.ofNullable(serving) : Optional.empty());

  static String version(int v) {
    return "arn:aws:sagemaker:us-east-2:111122223333:model-package/rookery-dev/" + v;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void handle_olderOrSameVersionThanServedApproved_ignoredWithHowToRollBack(int version) {
    // given: version 3 serves; version 1, 2 or 3 changes (metadata edit, approved again)
    serving = new ServedPackage(version(3), "Approved");

    // when
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange("rookery-dev", version(version), "Approved", EVENT_ID));

    // then
    assertThat(outcome.ignored()).isEqualTo("version " + version + " is not newer than version 3, which endpoint"
        + " rookery-dev serves and is still Approved (to roll back to version " + version + ", reject version 3"
        + " first, then approve version " + version + " again)");
    assertThat(executions.calls).isEmpty();
  }

  /** What the endpoint serves, and an approved version of the group that must deploy anyway. */
  static Stream<Arguments> deployableOverServed() {
    return Stream.of(
        // 12 > 3 as numbers, not as text
        Arguments.of("newer version than the served one", version(3), "Approved", 12),
        // the operator rejected the serving version 3 to roll back
        Arguments.of("older version after the served one was rejected", version(3), "Rejected", 2),
        Arguments.of("served model from another group",
            "arn:aws:sagemaker:us-east-2:111122223333:model-package/other/9", "Approved", 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployableOverServed")
  void handle_approvedOverServed_startsDeployment(String why, String servedArn, String servedStatus, int approved) {
    // given
    serving = new ServedPackage(servedArn, servedStatus);

    // when
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange("rookery-dev", version(approved), "Approved", EVENT_ID));

    // then
    assertThat(outcome.started()).isTrue();
    assertThat(executions.executions()).singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("rookery-dev-" + approved));
  }

  @Test
  void handle_approvedInGroup_startsDeployWithPackageArn() {
    // when
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange("rookery-dev", ARN, "Approved", EVENT_ID));

    // then
    assertThat(outcome.started()).isTrue();
    assertThat(executions.executions()).singleElement().satisfies(e -> {
      assertThat(e.stateMachineArn()).isEqualTo(DEPLOY_SM);
      // the pipeline's Deploy step name for the same package: <group>-<version>
      assertThat(e.name()).isEqualTo("rookery-dev-3");
      assertThat(Fixtures.tree(e.input()).toString()).isEqualTo("{\"modelPackageArn\":\"" + ARN + "\","
          + "\"correlationId\":\"" + EVENT_ID + "\"}");
    });
  }

  @Test
  void handle_packageRegisteredByARun_deployInputCarriesThatRunAsCorrelationId() {
    // when: the package's CustomerMetadataProperties.execution names the pipeline run
    service.handle(new ModelPackageStateChange("rookery-dev", ARN, "Approved", EVENT_ID,
        "rk-0123456789abcdef01234567"));

    // then
    assertThat(Fixtures.tree(executions.executions().get(0).input()).get("correlationId").asText())
        .isEqualTo("rk-0123456789abcdef01234567");
  }

  @Test
  void handle_pipelineAlreadyDeployingSamePackage_startsNoSecondDeployment() {
    // given: in dev the pipeline's Deploy step starts the deploy state machine for the package it
    // registered as Approved, under the name its ASL computes from the ARN
    executions.start(DEPLOY_SM, "rookery-dev-3", "{\"modelPackageArn\":\"" + ARN + "\"}");

    // when: the registry's Approved event for that package arrives
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange("rookery-dev", ARN, "Approved", EVENT_ID));

    // then
    assertThat(outcome.started()).isFalse();
    assertThat(outcome.executionArn()).endsWith(":execution:rookery-deploy:rookery-dev-3");
    assertThat(executions.executions()).hasSize(1);
  }

  @Test
  void handle_approvedUnversionedArn_throwsInvalidEventNamingField() {
    // given
    String arn = "arn:aws:sagemaker:us-east-2:111122223333:model-package/rookery-dev";

    // when / then
    assertThatThrownBy(() -> service.handle(new ModelPackageStateChange("rookery-dev", arn, "Approved", EVENT_ID)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("invalid event: field 'detail.ModelPackageArn' must be a versioned")
        .hasMessageEndingWith("found '" + arn + "'");
    assertThat(executions.calls).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      rookery-dev  | Rejected | ModelApprovalStatus is Rejected, not Approved
      someone-else | Approved | group someone-else is not rookery-dev
      """)
  void handle_notAnApprovalInTheGroup_ignored(String group, String status, String reason) {
    // when
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange(group, ARN, status, EVENT_ID));

    // then
    assertThat(outcome.ignored()).isEqualTo(reason);
    assertThat(executions.calls).isEmpty();
  }

  @Test
  void handle_duplicateEventWhileRunning_describesAndStartsOnce() {
    // given: the first delivery started the deployment, which is still running
    ModelPackageStateChange change = new ModelPackageStateChange("rookery-dev", ARN, "Approved", EVENT_ID);
    service.handle(change);

    // when
    ApprovalOutcome second = service.handle(change);

    // then
    assertThat(second.started()).isFalse();
    assertThat(second.executionArn()).endsWith(":" + DeployOnApprovalService.executionName(ARN));
    assertThat(executions.described).containsExactly(
        "arn:aws:states:us-east-2:111122223333:execution:rookery-deploy:rookery-dev-3");
    assertThat(executions.executions()).extracting(InMemoryExecutionStarter.Execution::name)
        .containsExactly("rookery-dev-3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"})
  void handle_reapprovalAfterDeploymentEnded_startsAgainUnderEventName(String status) {
    // given: version 3 was deployed earlier; its deployment has ended
    executions.start(DEPLOY_SM, "rookery-dev-3", "{\"modelPackageArn\":\"" + ARN + "\"}");
    executions.statuses.put("rookery-dev-3", status);
    String later = "5f0e7a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b";

    // when: the user approves version 3 again (a new event, a new id)
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange("rookery-dev", ARN, "Approved", later));

    // then: a second deployment named after the event
    String name = "rookery-dev-3-" + Names.sha256Hex(later).substring(0, 8);
    assertThat(outcome.started()).isTrue();
    assertThat(outcome.executionArn()).isEqualTo(
        "arn:aws:states:us-east-2:111122223333:execution:rookery-deploy:" + name);
    assertThat(executions.executions()).extracting(InMemoryExecutionStarter.Execution::name)
        .containsExactly("rookery-dev-3", name);
    assertThat(executions.executions().get(1).input()).isEqualTo("{\"modelPackageArn\":\"" + ARN + "\","
        + "\"correlationId\":\"" + later + "\"}");
  }

  @Test
  void handle_reapprovalEventDeliveredTwice_deploysOnce() {
    // given: an ended deployment, and a re-approval already handled once
    executions.start(DEPLOY_SM, "rookery-dev-3", "{\"modelPackageArn\":\"" + ARN + "\"}");
    executions.statuses.put("rookery-dev-3", "SUCCEEDED");
    ModelPackageStateChange again = new ModelPackageStateChange("rookery-dev", ARN, "Approved", "event-2");
    ApprovalOutcome first = service.handle(again);

    // when: EventBridge delivers the same event again
    ApprovalOutcome second = service.handle(again);

    // then
    assertThat(first.started()).isTrue();
    assertThat(second.started()).isFalse();
    assertThat(second.executionArn()).isEqualTo(first.executionArn());
    assertThat(executions.executions()).hasSize(2);
  }

  @Test
  void reapprovalName_blankEventId_throwsNamingField() {
    // when / then
    assertThatThrownBy(() -> DeployOnApprovalService.reapprovalName("rookery-dev-3", " "))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("invalid event: field 'id' must not be blank, found ' '");
  }

  @Test
  void reapprovalName_knownId_isBaseNameAndEightHexOfSha256() {
    // then: `printf %s 844e2571-85d4-695f-b930-0153b71dcb42 | sha256sum` starts with 93f4888c
    assertThat(DeployOnApprovalService.reapprovalName("rookery-dev-3", EVENT_ID))
        .isEqualTo("rookery-dev-3-93f4888c");
  }
}
