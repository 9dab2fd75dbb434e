package dev.rookery.functions.approval;

import java.util.Optional;

/** Port: which model package version an endpoint serves now, and whether it is still Approved. */
@FunctionalInterface
public interface ServedPackageFinder {
  /**
   * @param endpointName the environment's endpoint
   * @return the package its current endpoint config's first variant runs, or empty when there is no
   *     endpoint, it is Failed, or its model was not created from a model package
   */
  Optional<ServedPackage> find(String endpointName);

  /**
   * @param modelPackageArn the versioned package ARN the served model was created from
   * @param approvalStatus that package's {@code ModelApprovalStatus} now
   */
  record ServedPackage(String modelPackageArn, String approvalStatus) {}
}
