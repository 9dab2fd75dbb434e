package dev.rookery.functions.approval;

/**
 * What the approval handler did.
 *
 * @param executionArn the deploy execution, or {@code null} when ignored
 * @param started whether this call started it ({@code false} for a duplicate event or when ignored)
 * @param ignored why the event was ignored, or {@code null}
 */
public record ApprovalOutcome(String executionArn, boolean started, String ignored) {}
