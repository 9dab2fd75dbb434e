package dev.rookery.functions.deploy;

import dev.rookery.functions.common.SageMakerLookups;
import dev.rookery.functions.exceptions.EndpointBusyException;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.AutoRollbackConfig;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CaptureContentTypeHeader;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/**
 * {@link EndpointDeployer} over the SDK's SageMaker client.
 *
 * @param sageMaker the client
 */
public record SdkEndpointDeployer(SageMakerClient sageMaker) implements EndpointDeployer {
  @Override
  public String approvalStatus(String modelPackageArn) {
    return sageMaker.describeModelPackage(b -> b.modelPackageName(modelPackageArn))
        .modelApprovalStatusAsString();
  }

  @Override
  public boolean modelExists(String modelName) {
    return SageMakerLookups.exists(() -> sageMaker.describeModel(b -> b.modelName(modelName)));
  }

  @Override
  public void createModel(String modelName, String modelPackageArn, String roleArn) {
    sageMaker.createModel(b -> b.modelName(modelName)
        .executionRoleArn(roleArn)
        .containers(ContainerDefinition.builder().modelPackageName(modelPackageArn).build()));
  }

  @Override
  public boolean endpointConfigExists(String endpointConfigName) {
    return SageMakerLookups.exists(
        () -> sageMaker.describeEndpointConfig(b -> b.endpointConfigName(endpointConfigName)));
  }

  @Override
  public void createEndpointConfig(EndpointConfigSpec spec) {
    sageMaker.createEndpointConfig(b -> b.endpointConfigName(spec.name())
        .productionVariants(ProductionVariant.builder()
            .variantName(spec.variantName())
            .modelName(spec.modelName())
            .instanceType(spec.fleet().instanceType())
            .initialInstanceCount(spec.fleet().instanceCount())
            .initialVariantWeight(1.0f)
            .build())
        .dataCaptureConfig(DataCaptureConfig.builder()
            .enableCapture(spec.capture().percent() > 0)
            .initialSamplingPercentage(spec.capture().percent())
            .destinationS3Uri(spec.capture().s3Uri())
            .captureOptions(CaptureOption.builder().captureMode(CaptureMode.INPUT).build(),
                CaptureOption.builder().captureMode(CaptureMode.OUTPUT).build())
            .captureContentTypeHeader(CaptureContentTypeHeader.builder()
                .csvContentTypes(EndpointConfigSpec.CSV_TYPES)
                .jsonContentTypes(EndpointConfigSpec.JSON_TYPES)
                .build())
            .build()));
  }

  @Override
  public Optional<EndpointState> endpoint(String endpointName) {
    return SageMakerLookups.describe(() -> sageMaker.describeEndpoint(b -> b.endpointName(endpointName)))
        .map(response -> new EndpointState(response.endpointStatusAsString(), response.endpointConfigName(),
            response.failureReason()));
  }

  @Override
  public void deleteEndpoint(String endpointName) {
    sageMaker.deleteEndpoint(b -> b.endpointName(endpointName));
  }

  /**
   * {@inheritDoc}
   *
   * @throws EndpointBusyException if a concurrent deployment created the endpoint meanwhile
   *     (SageMaker: "Cannot create already existing endpoint"), so the retry sees its state
   */
  @Override
  public void createEndpoint(String endpointName, String endpointConfigName) {
    try {
      sageMaker.createEndpoint(b -> b.endpointName(endpointName).endpointConfigName(endpointConfigName));
    } catch (SageMakerException e) {
      if (SageMakerLookups.message(e).contains("already existing") || SageMakerLookups.message(e).contains("already exists")) {
        throw new EndpointBusyException(endpointName, "Creating (by a concurrent deployment)");
      }
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws EndpointBusyException if the endpoint started updating meanwhile (SageMaker: "Cannot
   *     update in-progress endpoint")
   */
  @Override
  public void updateEndpoint(String endpointName, String endpointConfigName, DeploymentPolicy policy) {
    try {
      sageMaker.updateEndpoint(b -> b.endpointName(endpointName)
          .endpointConfigName(endpointConfigName)
          .deploymentConfig(policy == null ? null : deploymentConfig(policy)));
    } catch (SageMakerException e) {
      if (SageMakerLookups.message(e).contains("in-progress")) {
        throw new EndpointBusyException(endpointName, "Updating (by a concurrent deployment)");
      }
      throw e;
    }
  }

  static DeploymentConfig deploymentConfig(DeploymentPolicy policy) {
    TrafficRoutingConfig.Builder routing = TrafficRoutingConfig.builder()
        .type(TrafficRoutingConfigType.fromValue(policy.strategy().name()))
        .waitIntervalInSeconds(policy.waitIntervalSeconds());
    CapacitySize step = CapacitySize.builder()
        .type(CapacitySizeType.CAPACITY_PERCENT).value(policy.stepPercent()).build();
    switch (policy.strategy()) {
      case CANARY -> routing.canarySize(step);
      case LINEAR -> routing.linearStepSize(step);
      case ALL_AT_ONCE -> { }
      default -> throw new IllegalStateException("unknown strategy " + policy.strategy());
    }
    DeploymentConfig.Builder config = DeploymentConfig.builder()
        .blueGreenUpdatePolicy(BlueGreenUpdatePolicy.builder()
            .trafficRoutingConfiguration(routing.build())
            .terminationWaitInSeconds(policy.terminationWaitSeconds())
            .maximumExecutionTimeoutInSeconds(policy.maximumExecutionTimeoutSeconds())
            .build());
    if (!policy.rollbackAlarms().isEmpty()) {
      config.autoRollbackConfiguration(AutoRollbackConfig.builder()
          .alarms(policy.rollbackAlarms().stream()
              .map(name -> Alarm.builder().alarmName(name).build()).toList())
          .build());
    }
    return config.build();
  }
}
