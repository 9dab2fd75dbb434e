package dev.rookery.functions.register;

import dev.rookery.functions.common.SageMakerLookups;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DriftCheckBaselines;
import software.amazon.awssdk.services.sagemaker.model.DriftCheckModelDataQuality;
import software.amazon.awssdk.services.sagemaker.model.InferenceSpecification;
import software.amazon.awssdk.services.sagemaker.model.MetricsSource;
import software.amazon.awssdk.services.sagemaker.model.ModelDataQuality;
import software.amazon.awssdk.services.sagemaker.model.ModelMetrics;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.ModelQuality;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** {@link SageMakerRegistry} over the SDK's SageMaker client. */
public final class SdkSageMakerRegistry implements SageMakerRegistry {
  private static final String JSON = "application/json";

  private final SageMakerClient sageMaker;

  /** @param sageMaker the client */
  public SdkSageMakerRegistry(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
  }

  @Override
  public boolean groupExists(String groupName) {
    return SageMakerLookups.describe(
            () -> sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(groupName)))
        .isPresent();
  }

  @Override
  public void createGroup(String groupName, String description) {
    try {
      sageMaker.createModelPackageGroup(b -> b.modelPackageGroupName(groupName)
          .modelPackageGroupDescription(description));
    } catch (SageMakerException e) {
      // Two first registrations racing: the other one created it, which is what we wanted.
      if (SageMakerLookups.message(e).contains("already exists")) {
        return;
      }
      throw e;
    }
  }

  @Override
  public String createModelPackage(ModelPackageSpec spec) {
    MetricsSource statistics = metrics(JSON, spec.statisticsUri());
    MetricsSource constraints = metrics(JSON, spec.constraintsUri());
    CreateModelPackageRequest request = CreateModelPackageRequest.builder()
        .modelPackageGroupName(spec.groupName())
        .modelPackageDescription(spec.description())
        .inferenceSpecification(InferenceSpecification.builder()
            .containers(ModelPackageContainerDefinition.builder()
                .image(spec.imageUri())
                .modelDataUrl(spec.modelDataUrl())
                .build())
            .supportedContentTypes(spec.contentTypes())
            .supportedResponseMIMETypes(spec.responseTypes())
            .supportedRealtimeInferenceInstanceTypesWithStrings(spec.inferenceInstanceTypes())
            .supportedTransformInstanceTypesWithStrings(
                spec.transformInstanceTypes().isEmpty() ? null : spec.transformInstanceTypes())
            .build())
        .modelMetrics(ModelMetrics.builder()
            .modelQuality(ModelQuality.builder().statistics(metrics(JSON, spec.evaluationUri())).build())
            .modelDataQuality(ModelDataQuality.builder()
                .statistics(statistics).constraints(constraints).build())
            .build())
        .driftCheckBaselines(DriftCheckBaselines.builder()
            .modelDataQuality(DriftCheckModelDataQuality.builder()
                .statistics(statistics).constraints(constraints).build())
            .build())
        .customerMetadataProperties(spec.metadata())
        .modelApprovalStatus(spec.approvalStatus())
        .clientToken(spec.clientToken())
        .build();
    return sageMaker.createModelPackage(request).modelPackageArn();
  }

  private static MetricsSource metrics(String contentType, String uri) {
    return MetricsSource.builder().contentType(contentType).s3Uri(uri).build();
  }
}
