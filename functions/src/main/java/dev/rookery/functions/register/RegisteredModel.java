package dev.rookery.functions.register;

/**
 * A registered model package version.
 *
 * @param modelPackageArn its ARN
 * @param modelPackageVersion its version in the group
 * @param approvalStatus the status it was created with
 */
public record RegisteredModel(String modelPackageArn, int modelPackageVersion,
    String approvalStatus) {
  /** Validates. */
  public RegisteredModel {
    if (modelPackageArn == null || modelPackageArn.isBlank()) {
      throw new IllegalArgumentException("modelPackageArn must not be blank");
    }
    if (modelPackageVersion < 1) {
      throw new IllegalArgumentException("modelPackageVersion must be >= 1, found "
          + modelPackageVersion);
    }
  }

  /**
   * @param arn e.g. {@code arn:aws:sagemaker:r:a:model-package/group/3}
   * @return the version, 3
   * @throws IllegalArgumentException if the ARN has no numeric last segment
   */
  public static int versionOf(String arn) {
    int slash = arn.lastIndexOf('/');
    try {
      return Integer.parseInt(arn.substring(slash + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("model package ARN has no version: '" + arn + "'", e);
    }
  }
}
