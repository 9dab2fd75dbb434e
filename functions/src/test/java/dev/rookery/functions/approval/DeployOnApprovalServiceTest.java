package dev.rookery.functions.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.testutils.InMemoryExecutionStarter;
import org.junit.jupiter.api.Test;

class DeployOnApprovalServiceTest {
  static final String DEPLOY_SM = "arn:aws:states:us-east-2:111122223333:stateMachine:rookery-deploy";
  static final String ARN = "arn:aws:sagemaker:us-east-2:111122223333:model-package/rookery-dev/3";

  final InMemoryExecutionStarter executions = new InMemoryExecutionStarter();
  final DeployOnApprovalService service =
      new DeployOnApprovalService(new ApprovalConfig("rookery-dev", DEPLOY_SM), executions);

  @Test
  void handle_approvedInGroup_startsDeployWithPackageArn() {
    // when
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange("rookery-dev", ARN, "Approved"));

    // then
    assertThat(outcome.started()).isTrue();
    assertThat(executions.executions()).singleElement().satisfies(e -> {
      assertThat(e.stateMachineArn()).isEqualTo(DEPLOY_SM);
      // the pipeline's Deploy step name for the same package: <group>-<version>
      assertThat(e.name()).isEqualTo("rookery-dev-3");
      assertThat(Fixtures.tree(e.input()).toString()).isEqualTo("{\"modelPackageArn\":\"" + ARN + "\"}");
    });
  }

  @Test
  void handle_duplicateEvent_startsOnce() {
    // given
    ModelPackageStateChange change = new ModelPackageStateChange("rookery-dev", ARN, "Approved");
    service.handle(change);

    // when
    ApprovalOutcome second = service.handle(change);

    // then
    assertThat(second.started()).isFalse();
    assertThat(second.executionArn()).endsWith(":" + DeployOnApprovalService.executionName(ARN));
    assertThat(executions.executions()).hasSize(1);
  }

  @Test
  void handle_pipelineAlreadyDeployingSamePackage_startsNoSecondDeployment() {
    // given: in dev the pipeline's Deploy step starts the deploy state machine for the package it
    // registered as Approved, under the name its ASL computes from the ARN
    executions.start(DEPLOY_SM, "rookery-dev-3", "{\"modelPackageArn\":\"" + ARN + "\"}");

    // when: the registry's Approved event for that package arrives
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange("rookery-dev", ARN, "Approved"));

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
    assertThatThrownBy(() -> service.handle(new ModelPackageStateChange("rookery-dev", arn, "Approved")))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("invalid event: field 'detail.ModelPackageArn' must be a versioned")
        .hasMessageEndingWith("found '" + arn + "'");
    assertThat(executions.calls).isEmpty();
  }

  @Test
  void handle_rejected_ignored() {
    // when
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange("rookery-dev", ARN, "Rejected"));

    // then
    assertThat(outcome.ignored()).isEqualTo("ModelApprovalStatus is Rejected, not Approved");
    assertThat(executions.calls).isEmpty();
  }

  @Test
  void handle_otherGroup_ignored() {
    // when
    ApprovalOutcome outcome = service.handle(new ModelPackageStateChange("someone-else", ARN, "Approved"));

    // then
    assertThat(outcome.ignored()).isEqualTo("group someone-else is not rookery-dev");
    assertThat(executions.calls).isEmpty();
  }
}
