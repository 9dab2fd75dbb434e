package dev.rookery.infra.constructs;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The log groups Rookery creates for its functions and state machines, under one policy: kept
 * three months, deleted with the stack (they hold run logs, not data).
 */
final class LogGroups {
  private LogGroups() {}

  /**
   * @param scope the construct that owns the group (its id is {@code Logs})
   * @param logGroupName e.g. {@code /aws/lambda/<function>}
   * @return the group
   */
  static LogGroup create(Construct scope, String logGroupName) {
    return LogGroup.Builder.create(scope, "Logs")
        .logGroupName(logGroupName)
        .retention(RetentionDays.THREE_MONTHS)
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
  }
}
