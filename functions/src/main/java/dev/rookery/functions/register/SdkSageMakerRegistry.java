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

/**
 * {@link SageMakerRegistry} over the SDK's SageMaker client.
 *
 * @param sageMaker the client
 */
public record SdkSageMakerRegistry(SageMakerClient sageMaker) implements SageMakerRegistry {
  private static final String JSON = "application/json";

  @Override
  public boolean groupExists(String groupName) {
    return SageMakerLookups.exists(
        () -> sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(groupName)));
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
    ModelPackageSpec.Inference inference = spec.inference();
    MetricsSource statistics = metrics(JSON, spec.metrics().statisticsUri());
    MetricsSource constraints = metrics(JSON, spec.metrics().constraintsUri());
    CreateModelPackageRequest request = CreateModelPackageRequest.builder()
        .modelPackageGroupName(spec.groupName())
        .modelPackageDescription(spec.listing().description())
        .inferenceSpecification(InferenceSpecification.builder()
            .containers(ModelPackageContainerDefinition.builder()
                .image(inference.imageUri())
                .modelDataUrl(inference.modelDataUrl())
                .build())
            .supportedContentTypes(inference.contentTypes())
            .supportedResponseMIMETypes(inference.responseTypes())
            .supportedRealtimeInferenceInstanceTypesWithStrings(inference.realtimeInstanceTypes())
            .supportedTransformInstanceTypesWithStrings(
                inference.transformInstanceTypes().isEmpty() ? null : inference.transformInstanceTypes())
            .build())
        .modelMetrics(ModelMetrics.builder()
            .modelQuality(ModelQuality.builder()
                .statistics(metrics(JSON, spec.metrics().qualityStatisticsUri()))
                .constraints(metrics(JSON, spec.metrics().qualityConstraintsUri())).build())
            .modelDataQuality(ModelDataQuality.builder()
                .statistics(statistics).constraints(constraints).build())
            .build())
        .driftCheckBaselines(DriftCheckBaselines.builder()
            .modelDataQuality(DriftCheckModelDataQuality.builder()
                .statistics(statistics).constraints(constraints).build())
            .build())
        .customerMetadataProperties(spec.listing().metadata())
        .modelApprovalStatus(spec.listing().approvalStatus())
        .clientToken(spec.clientToken())
        .build();
    return sageMaker.createModelPackage(request).modelPackageArn();
  }

  private static MetricsSource metrics(String contentType, String uri) {
    return MetricsSource.builder().contentType(contentType).s3Uri(uri).build();
  }
}
