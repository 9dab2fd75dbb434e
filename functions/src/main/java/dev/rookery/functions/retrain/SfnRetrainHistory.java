package dev.rookery.functions.retrain;

import dev.rookery.functions.common.Names;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * {@link RetrainHistory} over {@code ListExecutions}, which lists the newest first: reading stops at
 * the first execution older than the period, so an hourly history costs one page or two.
 *
 * @param sfn the client
 */
public record SfnRetrainHistory(SfnClient sfn) implements RetrainHistory {
  @Override
  public List<PastRetrain> since(String stateMachineArn, Instant since) {
    List<PastRetrain> recent = new ArrayList<>();
    for (ExecutionListItem execution : sfn.listExecutionsPaginator(b -> b
        .stateMachineArn(stateMachineArn)).executions()) {
      if (execution.startDate().isBefore(since)) {
        break;
      }
      if (execution.name().startsWith(Names.RETRAIN_EXECUTION_PREFIX)) {
        recent.add(new PastRetrain(execution.name(), execution.startDate()));
      }
    }
    return recent;
  }
}
