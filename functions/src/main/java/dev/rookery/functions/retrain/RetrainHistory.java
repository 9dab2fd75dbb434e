package dev.rookery.functions.retrain;

import java.time.Instant;
import java.util.List;

/** Port: the retraining executions the pipeline state machine started recently. */
public interface RetrainHistory {
  /**
   * @param stateMachineArn the pipeline state machine
   * @param since the start of the cooldown period
   * @return its executions named as retrainings that started at or after {@code since}
   */
  List<PastRetrain> since(String stateMachineArn, Instant since);

  /**
   * @param name the execution's name
   * @param started when it started
   */
  record PastRetrain(String name, Instant started) {}
}
