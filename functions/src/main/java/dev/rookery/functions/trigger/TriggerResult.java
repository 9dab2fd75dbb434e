package dev.rookery.functions.trigger;

/** What the trigger did with one upload. */
public sealed interface TriggerResult {
  /**
   * The pipeline runs for this object version.
   *
   * @param executionArn the execution
   * @param started {@code false} when a duplicate event found it already started
   */
  record Started(String executionArn, boolean started) implements TriggerResult {}

  /**
   * The upload was rejected and nothing started.
   *
   * @param objectUri the object
   * @param reason why
   */
  record Rejected(String objectUri, String reason) implements TriggerResult {}

  /**
   * The object is not a dataset upload and needs no answer: nothing started, nobody notified.
   *
   * @param objectUri the object
   * @param reason why it was ignored
   */
  record Ignored(String objectUri, String reason) implements TriggerResult {}
}
