package dev.rookery.settings;

import java.util.Locale;

/** {@code approval}: whether a registered model version is approved at once or waits for a person. */
public enum Approval {
  /** {@code auto}: registered {@code Approved}, so the pipeline deploys it. */
  AUTO("Approved"),
  /** {@code manual}: registered {@code PendingManualApproval}, deployed when someone approves it. */
  MANUAL("PendingManualApproval");

  private final String modelApprovalStatus;

  Approval(String modelApprovalStatus) {
    this.modelApprovalStatus = modelApprovalStatus;
  }

  /** @return the SageMaker {@code ModelApprovalStatus} a new version is registered with */
  public String modelApprovalStatus() {
    return modelApprovalStatus;
  }

  /** @return the name in {@code pipeline.json}: {@code auto} or {@code manual} */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
