package dev.rookery.local;

import java.util.Locale;

/** A model version's approval status, named as SageMaker's {@code ModelApprovalStatus}. */
public enum ApprovalStatus {
  /** May be served; {@code rookery serve} picks the latest Approved version by default. */
  Approved,
  /** Passed the gate, waits for {@code rookery registry approve N}. */
  PendingManualApproval,
  /** Rejected by hand; never served by default. */
  Rejected;

  /**
   * Parses a status name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static ApprovalStatus parse(String value) {
    for (ApprovalStatus s : values()) {
      if (s.name().toLowerCase(Locale.ROOT).equals(String.valueOf(value).toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "approval status must be Approved, PendingManualApproval or Rejected, found '" + value + "'");
  }
}
