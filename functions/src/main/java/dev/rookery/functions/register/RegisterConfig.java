package dev.rookery.functions.register;

import dev.rookery.functions.common.Environment;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.exceptions.InvalidConfigurationException;
import java.util.List;

/**
 * The register step's environment.
 *
 * @param modelPackageGroupName {@code MODEL_PACKAGE_GROUP_NAME}
 * @param imageUri {@code IMAGE_URI}: the serving image
 * @param approvalStatus {@code APPROVAL_STATUS}: {@code Approved} or {@code PendingManualApproval}
 *     (default)
 * @param inferenceInstanceTypes {@code INFERENCE_INSTANCE_TYPES}: comma list, at least one
 * @param transformInstanceTypes {@code TRANSFORM_INSTANCE_TYPES}: comma list, may be empty
 */
public record RegisterConfig(String modelPackageGroupName, String imageUri, String approvalStatus,
    List<String> inferenceInstanceTypes, List<String> transformInstanceTypes) {
  /** The approval statuses a new version may get. */
  public static final List<String> APPROVAL_STATUSES = List.of("Approved", "PendingManualApproval");

  /** Validates. */
  public RegisterConfig {
    inferenceInstanceTypes = List.copyOf(inferenceInstanceTypes);
    transformInstanceTypes = List.copyOf(transformInstanceTypes);
    if (!Names.SAGEMAKER_NAME.matcher(modelPackageGroupName).matches()) {
      throw new InvalidConfigurationException("MODEL_PACKAGE_GROUP_NAME",
          "must match " + Names.SAGEMAKER_NAME.pattern() + ", found '" + modelPackageGroupName + "'");
    }
    if (!APPROVAL_STATUSES.contains(approvalStatus)) {
      throw new InvalidConfigurationException("APPROVAL_STATUS",
          "must be one of " + APPROVAL_STATUSES + ", found '" + approvalStatus + "'");
    }
    if (inferenceInstanceTypes.isEmpty()) {
      throw new InvalidConfigurationException("INFERENCE_INSTANCE_TYPES",
          "must list at least one instance type, e.g. ml.m5.large");
    }
  }

  /**
   * @param env the environment
   * @return the config
   * @throws InvalidConfigurationException naming the variable
   */
  public static RegisterConfig from(Environment env) {
    return new RegisterConfig(env.required("MODEL_PACKAGE_GROUP_NAME"), env.required("IMAGE_URI"),
        env.oneOf("APPROVAL_STATUS", "PendingManualApproval", APPROVAL_STATUSES),
        env.list("INFERENCE_INSTANCE_TYPES"), env.list("TRANSFORM_INSTANCE_TYPES"));
  }
}
