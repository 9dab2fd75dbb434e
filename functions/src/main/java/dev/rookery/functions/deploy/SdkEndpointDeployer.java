package dev.rookery.functions.deploy;

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
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/** {@link EndpointDeployer} over the SDK's SageMaker client. */
public final class SdkEndpointDeployer implements EndpointDeployer {
  private final SageMakerClient sageMaker;

  /** @param sageMaker the client */
  public SdkEndpointDeployer(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
  }

  @Override
  public String approvalStatus(String modelPackageArn) {
    return sageMaker.describeModelPackage(b -> b.modelPackageName(modelPackageArn))
        .modelApprovalStatusAsString();
  }

  @Override
  public boolean modelExists(String modelName) {
    return exists(() -> sageMaker.describeModel(b -> b.modelName(modelName)));
  }

  @Override
  public void createModel(String modelName, String modelPackageArn, String roleArn) {
    sageMaker.createModel(b -> b.modelName(modelName)
        .executionRoleArn(roleArn)
        .containers(ContainerDefinition.builder().modelPackageName(modelPackageArn).build()));
  }

  @Override
  public boolean endpointConfigExists(String endpointConfigName) {
    return exists(() -> sageMaker.describeEndpointConfig(b -> b.endpointConfigName(endpointConfigName)));
  }

  @Override
  public void createEndpointConfig(EndpointConfigSpec spec) {
    sageMaker.createEndpointConfig(b -> b.endpointConfigName(spec.name())
        .productionVariants(ProductionVariant.builder()
            .variantName(spec.variantName())
            .modelName(spec.modelName())
            .instanceType(spec.instanceType())
            .initialInstanceCount(spec.instanceCount())
            .initialVariantWeight(1.0f)
            .build())
        .dataCaptureConfig(DataCaptureConfig.builder()
            .enableCapture(spec.capturePercent() > 0)
            .initialSamplingPercentage(spec.capturePercent())
            .destinationS3Uri(spec.captureS3Uri())
            .captureOptions(CaptureOption.builder().captureMode(CaptureMode.INPUT).build(),
                CaptureOption.builder().captureMode(CaptureMode.OUTPUT).build())
            .captureContentTypeHeader(CaptureContentTypeHeader.builder()
                .csvContentTypes(spec.csvContentTypes())
                .jsonContentTypes(spec.jsonContentTypes())
                .build())
            .build()));
  }

  @Override
  public Optional<EndpointState> endpoint(String endpointName) {
    try {
      DescribeEndpointResponse response = sageMaker.describeEndpoint(b -> b.endpointName(endpointName));
      return Optional.of(new EndpointState(response.endpointStatusAsString(),
          response.endpointConfigName()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SageMakerException e) {
      if (isMissing(e)) {
        return Optional.empty();
      }
      throw e;
    }
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
      if (message(e).contains("already existing") || message(e).contains("already exists")) {
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
      if (message(e).contains("in-progress")) {
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

  private static boolean exists(Runnable describe) {
    try {
      describe.run();
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    } catch (SageMakerException e) {
      if (isMissing(e)) {
        return false;
      }
      throw e;
    }
  }

  /** SageMaker answers Describe* on a missing resource with a ValidationException "Could not find ...". */
  static boolean isMissing(SageMakerException e) {
    String text = message(e);
    return text.contains("could not find") || text.contains("does not exist");
  }

  private static String message(SageMakerException e) {
    String text = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
        ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
    return text.toLowerCase(java.util.Locale.ROOT);
  }
}
