package dev.rookery.functions.failure;

import dev.rookery.functions.common.Notifier;
import dev.rookery.functions.failure.ExecutionDescriber.Description;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * E-mails an execution that ended without its own failure path reporting it, exactly once.
 *
 * <p>Every state of the Rookery machines that can fail has a {@code States.ALL} Catch leading to
 * that machine's {@code Notify*Failure} state, which e-mails error and cause before the {@code Fail}
 * state. What those paths cannot see: {@code TIMED_OUT} and {@code ABORTED} (the execution stops
 * without running another state), and a {@code FAILED} whose error no Catch takes
 * ({@code States.ALL} does not match {@link #UNCATCHABLE_ERRORS}). So TIMED_OUT and ABORTED are
 * always notified, FAILED only with one of those errors, or when Step Functions gives no error (or
 * cannot be asked): then the e-mail says the error is unknown, rather than risk a silent failure.
 *
 * @param executions reads the execution's error and cause
 * @param notifier publishes the e-mail
 */
public record ExecutionFailureService(ExecutionDescriber executions, Notifier notifier) {
  /** The execution errors {@code States.ALL} does not catch, so no machine notifies them itself. */
  public static final List<String> UNCATCHABLE_ERRORS =
      List.of("States.Runtime", "States.DataLimitExceeded");

  /** The statuses the EventBridge rule forwards. */
  public static final List<String> ENDED_UNSUCCESSFULLY = List.of("FAILED", "TIMED_OUT", "ABORTED");

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionFailureService.class);
  private static final Set<String> ALWAYS_NOTIFIED = Set.of("TIMED_OUT", "ABORTED");

  /**
   * @param change the status change
   * @return why it was or was not notified
   */
  public Outcome handle(ExecutionStatusChange change) {
    if (!ENDED_UNSUCCESSFULLY.contains(change.status())) {
      return new Outcome(false, "status " + change.status() + " is not a failure");
    }
    Description description;
    String unknownWhy;
    try {
      description = executions.describe(change.executionArn());
      unknownWhy = "Step Functions reports none";
    } catch (SdkException e) {
      LOG.warn("DescribeExecution " + change.executionArn() + " failed: " + e.getMessage());
      description = new Description(change.status(), null, null);
      unknownWhy = "DescribeExecution failed: " + e.getMessage();
    }
    String error = description.error();
    if ("FAILED".equals(change.status()) && error != null && !UNCATCHABLE_ERRORS.contains(error)) {
      String why = "error " + error + " was caught, so the state machine's own failure path notified it";
      LOG.info(change.executionArn() + ": " + why);
      return new Outcome(false, why);
    }
    String unknown = "unknown (" + unknownWhy + ")";
    notifier.notify("Rookery: " + machineName(change.stateMachineArn()) + " execution " + change.status(),
        "Rookery execution " + change.name() + " of " + change.stateMachineArn() + " ended "
            + change.status() + ".\nError: " + (error == null ? unknown : error)
            + "\nCause: " + (description.cause() == null ? unknown : description.cause())
            + "\nExecution: " + change.executionArn()
            + (ALWAYS_NOTIFIED.contains(change.status()) ? "" : "\nNo Catch of the state machine"
                + " takes this error, so it did not notify it itself."));
    return new Outcome(true, change.status() + " " + (error == null ? "(error unknown)" : error));
  }

  private static String machineName(String stateMachineArn) {
    return stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
  }

  /**
   * @param notified whether an e-mail was published
   * @param reason what was notified, or why not
   */
  public record Outcome(boolean notified, String reason) {}
}
