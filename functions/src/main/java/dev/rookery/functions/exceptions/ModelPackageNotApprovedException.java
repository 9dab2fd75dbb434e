package dev.rookery.functions.exceptions;

/** Deployment was asked for a model package whose approval status is not {@code Approved}. */
public final class ModelPackageNotApprovedException extends FunctionException {
  private static final long serialVersionUID = 1L;

  /**
   * @param modelPackageArn the package
   * @param approvalStatus its current {@code ModelApprovalStatus}
   */
  public ModelPackageNotApprovedException(String modelPackageArn, String approvalStatus) {
    super("model package " + modelPackageArn + " has ModelApprovalStatus '" + approvalStatus
        + "', expected 'Approved'");
  }
}
