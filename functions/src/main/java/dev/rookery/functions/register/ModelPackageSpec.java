package dev.rookery.functions.register;

import java.util.List;
import java.util.Map;

/**
 * Everything a {@code CreateModelPackage} call carries, free of SDK types.
 *
 * @param groupName the model package group
 * @param description the version's description
 * @param imageUri serving image
 * @param modelDataUrl {@code model.tar.gz}
 * @param contentTypes request content types the server accepts
 * @param responseTypes response MIME types it produces
 * @param inferenceInstanceTypes real-time instance types
 * @param transformInstanceTypes batch transform instance types (may be empty)
 * @param evaluationUri model quality statistics ({@code evaluation.json})
 * @param statisticsUri data quality baseline statistics
 * @param constraintsUri data quality baseline constraints
 * @param metadata customer metadata properties, already within SageMaker's limits
 * @param approvalStatus the initial {@code ModelApprovalStatus}
 * @param clientToken idempotency token, 1-36 of {@code [a-zA-Z0-9-]}
 */
public record ModelPackageSpec(String groupName, String description, String imageUri,
    String modelDataUrl, List<String> contentTypes, List<String> responseTypes,
    List<String> inferenceInstanceTypes, List<String> transformInstanceTypes, String evaluationUri,
    String statisticsUri, String constraintsUri, Map<String, String> metadata,
    String approvalStatus, String clientToken) {
  /** Copies the collections; checks the token. */
  public ModelPackageSpec {
    contentTypes = List.copyOf(contentTypes);
    responseTypes = List.copyOf(responseTypes);
    inferenceInstanceTypes = List.copyOf(inferenceInstanceTypes);
    transformInstanceTypes = List.copyOf(transformInstanceTypes);
    metadata = Map.copyOf(metadata);
    if (clientToken == null || !clientToken.matches("[a-zA-Z0-9-]{1,36}")) {
      throw new IllegalArgumentException("clientToken must be 1-36 of [a-zA-Z0-9-], found '"
          + clientToken + "'");
    }
  }
}
