package dev.rookery.functions.register;

import java.util.List;
import java.util.Map;

/**
 * Everything a {@code CreateModelPackage} call carries, free of SDK types, in the request's own
 * parts.
 *
 * @param groupName the model package group
 * @param clientToken idempotency token, 1-36 of {@code [a-zA-Z0-9-]}
 * @param inference the {@code InferenceSpecification}
 * @param metrics the {@code ModelMetrics} and drift check baselines
 * @param listing what the registry shows for the version
 */
public record ModelPackageSpec(String groupName, String clientToken, Inference inference,
    Metrics metrics, Listing listing) {
  /** Checks the token. */
  public ModelPackageSpec {
    if (clientToken == null || !clientToken.matches("[a-zA-Z0-9-]{1,36}")) {
      throw new IllegalArgumentException("clientToken must be 1-36 of [a-zA-Z0-9-], found '"
          + clientToken + "'");
    }
  }

  /**
   * @param imageUri serving image
   * @param modelDataUrl {@code model.tar.gz}
   * @param contentTypes request content types the server accepts
   * @param responseTypes response MIME types it produces
   * @param realtimeInstanceTypes real-time instance types
   * @param transformInstanceTypes batch transform instance types (may be empty)
   */
  public record Inference(String imageUri, String modelDataUrl, List<String> contentTypes,
      List<String> responseTypes, List<String> realtimeInstanceTypes,
      List<String> transformInstanceTypes) {
    /** Copies the lists. */
    public Inference {
      contentTypes = List.copyOf(contentTypes);
      responseTypes = List.copyOf(responseTypes);
      realtimeInstanceTypes = List.copyOf(realtimeInstanceTypes);
      transformInstanceTypes = List.copyOf(transformInstanceTypes);
    }
  }

  /**
   * @param qualityStatisticsUri model-quality baseline statistics (the test split's metrics)
   * @param qualityConstraintsUri model-quality baseline constraints (the accuracy floor the
   *     model-quality monitor checks)
   * @param statisticsUri data quality baseline statistics
   * @param constraintsUri data quality baseline constraints
   */
  public record Metrics(String qualityStatisticsUri, String qualityConstraintsUri,
      String statisticsUri, String constraintsUri) {}

  /**
   * @param description the version's description
   * @param metadata customer metadata properties, already within SageMaker's limits
   * @param approvalStatus the initial {@code ModelApprovalStatus}
   */
  public record Listing(String description, Map<String, String> metadata, String approvalStatus) {
    /** Copies the metadata. */
    public Listing {
      metadata = Map.copyOf(metadata);
    }
  }
}
