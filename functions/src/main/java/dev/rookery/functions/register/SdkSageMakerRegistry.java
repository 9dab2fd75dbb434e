package dev.rookery.functions.register;

import java.util.Locale;
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
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
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
    try {
      sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(groupName));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    } catch (SageMakerException e) {
      // SageMaker answers a missing group with a ValidationException "... does not exist".
      if (isMissing(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void createGroup(String groupName, String description) {
    try {
      sageMaker.createModelPackageGroup(b -> b.modelPackageGroupName(groupName)
          .modelPackageGroupDescription(description));
    } catch (SageMakerException e) {
      // Two first registrations racing: the other one created it, which is what we wanted.
      if (message(e).contains("already exists")) {
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

  static boolean isMissing(SageMakerException e) {
    String text = message(e);
    return text.contains("does not exist") || text.contains("could not find");
  }

  private static String message(SageMakerException e) {
    String text = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
        ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
    return text.toLowerCase(Locale.ROOT);
  }

}
