package dev.rookery.functions.approval;

import dev.rookery.functions.common.SageMakerLookups;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;

/**
 * {@link ServedPackageFinder} over the SDK: DescribeEndpoint -> its EndpointConfigName ->
 * DescribeEndpointConfig -> the first production variant's ModelName -> DescribeModel ->
 * {@code PrimaryContainer.ModelPackageName} or {@code Containers[0].ModelPackageName} (DeployHandler
 * uses {@code Containers}) -> DescribeModelPackage for its approval status now. The same chain the
 * monitoring state machine follows to find the served baseline.
 *
 * @param sageMaker the client
 */
public record SdkServedPackageFinder(SageMakerClient sageMaker) implements ServedPackageFinder {
  @Override
  public Optional<ServedPackage> find(String endpointName) {
    return SageMakerLookups.describe(() -> sageMaker.describeEndpoint(b -> b.endpointName(endpointName)))
        .filter(endpoint -> endpoint.endpointConfigName() != null && !"Failed".equals(endpoint.endpointStatusAsString()))
        .flatMap(endpoint -> SageMakerLookups.describe(() ->
            sageMaker.describeEndpointConfig(b -> b.endpointConfigName(endpoint.endpointConfigName()))))
        .filter(config -> config.hasProductionVariants() && !config.productionVariants().isEmpty())
        .flatMap(config -> SageMakerLookups.describe(() ->
            sageMaker.describeModel(b -> b.modelName(config.productionVariants().get(0).modelName()))))
        .flatMap(SdkServedPackageFinder::packageName)
        .map(arn -> new ServedPackage(arn,
            sageMaker.describeModelPackage(b -> b.modelPackageName(arn)).modelApprovalStatusAsString()));
  }

  private static Optional<String> packageName(DescribeModelResponse model) {
    ContainerDefinition container = model.primaryContainer() != null ? model.primaryContainer()
        : model.hasContainers() && !model.containers().isEmpty() ? model.containers().get(0) : null;
    return Optional.ofNullable(container).map(ContainerDefinition::modelPackageName);
  }
}
