package dev.rookery.functions.retrain;

/** What the retraining did for one alarm. */
public sealed interface RetrainResult {
  /**
   * The pipeline was started, or had been started for this window and dataset already.
   *
   * @param executionArn the pipeline execution
   * @param started {@code false} when it existed already (a repeated alarm)
   * @param datasetUri the dataset it trains on
   */
  record Started(String executionArn, boolean started, String datasetUri) implements RetrainResult {}

  /**
   * Nothing was started, and the notification says why (cooldown, no dataset).
   *
   * @param reason why
   */
  record Skipped(String reason) implements RetrainResult {}

  /**
   * Not an alarm that asks for retraining (e.g. back to OK): nothing started, nobody told.
   *
   * @param reason why
   */
  record Ignored(String reason) implements RetrainResult {}
}
