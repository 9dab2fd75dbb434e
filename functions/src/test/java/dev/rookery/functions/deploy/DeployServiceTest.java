package dev.rookery.functions.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rookery.functions.common.Names;
import dev.rookery.functions.deploy.EndpointDeployer.EndpointState;
import dev.rookery.functions.exceptions.EndpointBusyException;
import dev.rookery.functions.exceptions.EndpointFailedException;
import dev.rookery.functions.exceptions.EndpointNotUpdatableException;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.exceptions.ModelPackageNotApprovedException;
import dev.rookery.functions.testutils.InMemoryEndpointDeployer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeployServiceTest {
  static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/3";
  static final String ARN4 = "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/4";

  final InMemoryEndpointDeployer sageMaker = new InMemoryEndpointDeployer();

  static DeployConfig config(DeploymentStrategy strategy, List<String> alarms, int capturePercent) {
    return new DeployConfig("rookery-dev", "AllTraffic", "arn:aws:iam::111122223333:role/sm",
        new Fleet("ml.m5.large", 1), new DataCapture(capturePercent, "s3://rookery-capture/dev"),
        new DeployConfig.Rollout(strategy, alarms));
  }

  DeployService service(DeployConfig config) {
    return new DeployService(config, sageMaker);
  }

  /**
   * Deploys {@link #ARN} with a canary rollout where the deployment must be refused: checks that
   * SageMaker was not called, and returns what the service threw (null if nothing).
   */
  Throwable refusedDeploy(boolean replaceFailedEndpoint) {
    Throwable thrown = catchThrowable(() -> service(config(DeploymentStrategy.CANARY, List.of(), 100))
        .deploy(ARN, replaceFailedEndpoint));
    assertThat(sageMaker.calls).as("SageMaker calls of a refused deployment").isEmpty();
    return thrown;
  }

  @Test
  void deploy_noEndpoint_createsModelConfigAndEndpoint() {
    // given
    sageMaker.packages.put(ARN, "Approved");
    DeployService service = service(config(DeploymentStrategy.ALL_AT_ONCE, List.of(), 20));

    // when
    Deployment deployment = service.deploy(ARN);

    // then
    assertThat(deployment.action()).isEqualTo(Deployment.Action.CREATE);
    assertThat(sageMaker.calls).containsExactly("CreateModel " + deployment.modelName(),
        "CreateEndpointConfig " + deployment.endpointConfigName(),
        "CreateEndpoint rookery-dev " + deployment.endpointConfigName());
    EndpointConfigSpec spec = sageMaker.configs.get(deployment.endpointConfigName());
    assertThat(spec.capture().percent()).isEqualTo(20);
    assertThat(spec.variantName()).isEqualTo("AllTraffic");
    assertThat(spec.modelName()).isEqualTo(deployment.modelName());
    assertThat(sageMaker.models).containsEntry(deployment.modelName(), ARN);
  }

  @Test
  void deploy_inServiceEndpoint_updatesWithNewConfigAndCanaryPolicy() {
    // given
    sageMaker.packages.put(ARN4, "Approved");
    sageMaker.endpoints.put("rookery-dev", new EndpointState("InService", "rookery-dev-c3-old"));
    DeployService service = service(config(DeploymentStrategy.CANARY, List.of("rookery-dev-5xx"), 100));

    // when
    Deployment deployment = service.deploy(ARN4);

    // then
    assertThat(deployment.action()).isEqualTo(Deployment.Action.UPDATE);
    assertThat(sageMaker.calls).last().isEqualTo("UpdateEndpoint rookery-dev " + deployment.endpointConfigName());
    assertThat(sageMaker.policies).containsExactly(new DeploymentPolicy(DeploymentStrategy.CANARY, 25, 300,
        300, 3600, List.of("rookery-dev-5xx")));
  }

  @Test
  void deploy_allAtOnceWithoutAlarms_updatesWithoutDeploymentConfig() {
    // given
    sageMaker.packages.put(ARN4, "Approved");
    sageMaker.endpoints.put("rookery-dev", new EndpointState("InService", "rookery-dev-c3-old"));

    // when
    service(config(DeploymentStrategy.ALL_AT_ONCE, List.of(), 100)).deploy(ARN4);

    // then
    assertThat(sageMaker.policies).containsExactly((DeploymentPolicy) null);
  }

  @Test
  void deploy_retryAfterConfigCreated_reusesModelAndConfig() {
    // given: a first attempt created the model and config, then failed before CreateEndpoint
    sageMaker.packages.put(ARN, "Approved");
    DeployService service = service(config(DeploymentStrategy.ALL_AT_ONCE, List.of(), 100));
    String model = service.modelName(ARN);
    String configName = service.endpointConfigName(ARN, model);
    sageMaker.models.put(model, ARN);
    sageMaker.configs.put(configName, new EndpointConfigSpec(configName, model, "AllTraffic",
        new Fleet("ml.m5.large", 1), new DataCapture(100, "s3://rookery-capture/dev")));

    // when
    Deployment deployment = service.deploy(ARN);

    // then
    assertThat(sageMaker.calls).containsExactly("CreateEndpoint rookery-dev " + configName);
    assertThat(deployment.endpointConfigName()).isEqualTo(configName);
  }

  @Test
  void deploy_endpointAlreadyOnThisConfig_changesNothing() {
    // given
    sageMaker.packages.put(ARN, "Approved");
    DeployService service = service(config(DeploymentStrategy.LINEAR, List.of("a"), 100));
    String configName = service.endpointConfigName(ARN, service.modelName(ARN));
    sageMaker.endpoints.put("rookery-dev", new EndpointState("InService", configName));

    // when
    Deployment deployment = service.deploy(ARN);

    // then
    assertThat(sageMaker.calls).isEmpty();
    assertThat(deployment.action()).isEqualTo(Deployment.Action.UPDATE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting"})
  void deploy_endpointBusy_throwsRetryableAndCreatesNothing(String status) {
    // given
    sageMaker.packages.put(ARN, "Approved");
    sageMaker.endpoints.put("rookery-dev", new EndpointState(status, "rookery-dev-c2-x"));

    // when / then
    assertThat(refusedDeploy(false)).isInstanceOf(EndpointBusyException.class)
        .hasMessage("endpoint rookery-dev is " + status + "; retry once it is InService");
  }

  @Test
  void deploy_failedEndpoint_throwsEndpointFailedWithSageMakersReasonAndChangesNothing() {
    // given: the first creation of the endpoint failed
    sageMaker.packages.put(ARN, "Approved");
    sageMaker.endpoints.put("rookery-dev", new EndpointState("Failed", "rookery-dev-c2-x",
        "Image does not exist or access is denied"));

    // when / then
    assertThat(refusedDeploy(false)).isInstanceOf(EndpointFailedException.class)
        .hasMessage("endpoint rookery-dev is Failed (Image does not exist or access is denied); only"
            + " DeleteEndpoint works on it, so the deployment deletes it and creates it again");
  }

  @Test
  void deploy_replaceFailedEndpoint_deletesItThenCreatesItOnceGone() {
    // given
    sageMaker.packages.put(ARN, "Approved");
    sageMaker.endpoints.put("rookery-dev", new EndpointState("Failed", "rookery-dev-c2-x", "Image does not exist"));
    DeployService service = service(config(DeploymentStrategy.CANARY, List.of(), 100));

    // when: the state machine's second try, then its retries while SageMaker deletes the endpoint
    assertThatThrownBy(() -> service.deploy(ARN, true)).isInstanceOf(EndpointBusyException.class)
        .hasMessageContaining("Deleting");
    assertThatThrownBy(() -> service.deploy(ARN, true)).isInstanceOf(EndpointBusyException.class);
    sageMaker.endpoints.remove("rookery-dev");
    Deployment deployment = service.deploy(ARN, true);

    // then
    assertThat(deployment.action()).isEqualTo(Deployment.Action.CREATE);
    assertThat(sageMaker.calls).containsExactly("DeleteEndpoint rookery-dev",
        "CreateModel " + deployment.modelName(), "CreateEndpointConfig " + deployment.endpointConfigName(),
        "CreateEndpoint rookery-dev " + deployment.endpointConfigName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"OutOfService", "UpdateRollbackFailed"})
  void deploy_replaceFailedEndpoint_neverDeletesAnEndpointThatMayServe(String status) {
    // given: UpdateRollbackFailed still serves a mix of the old and new configs
    sageMaker.packages.put(ARN, "Approved");
    sageMaker.endpoints.put("rookery-dev", new EndpointState(status, "rookery-dev-c2-x"));

    // when / then
    assertThat(refusedDeploy(true)).isInstanceOf(EndpointNotUpdatableException.class)
        .hasMessageContaining("is " + status);
  }

  @Test
  void deploy_pendingPackage_throwsNotApproved() {
    // given
    sageMaker.packages.put(ARN, "PendingManualApproval");

    // when / then
    assertThat(refusedDeploy(false)).isInstanceOf(ModelPackageNotApprovedException.class)
        .hasMessage("model package " + ARN + " has ModelApprovalStatus 'PendingManualApproval', expected 'Approved'");
  }

  @Test
  void deploy_notAModelPackageArn_throwsInvalidEvent() {
    // when / then
    assertThatThrownBy(() -> service(config(DeploymentStrategy.CANARY, List.of(), 100))
        .deploy("arn:aws:sagemaker:us-east-1:111122223333:model/rookery"))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("modelPackageArn");
  }

  @Test
  void endpointConfigName_settingsChange_givesNewNameWithinSageMakerLimits() {
    // given
    DeployConfig.Rollout allAtOnce = new DeployConfig.Rollout(DeploymentStrategy.ALL_AT_ONCE, List.of());
    DeployConfig longName = new DeployConfig("e".repeat(63), "AllTraffic", "arn:role",
        new Fleet("ml.m5.large", 1), new DataCapture(100, "s3://c/d"), allAtOnce);
    DeployService a = service(longName);
    DeployService b = service(new DeployConfig("e".repeat(63), "AllTraffic", "arn:role",
        new Fleet("ml.m5.large", 1), new DataCapture(50, "s3://c/d"), allAtOnce));

    // when
    String nameA = a.endpointConfigName(ARN, a.modelName(ARN));
    String nameB = b.endpointConfigName(ARN, b.modelName(ARN));

    // then
    assertThat(nameA).isNotEqualTo(nameB).isEqualTo(a.endpointConfigName(ARN, a.modelName(ARN)));
    assertThat(List.of(nameA, nameB, a.modelName(ARN))).allSatisfy(n ->
        assertThat(n).hasSizeLessThanOrEqualTo(63).matches(Names.SAGEMAKER_NAME));
    assertThat(nameA).contains("-c3-");
  }
}
