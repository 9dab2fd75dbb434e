package dev.rookery.integration;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Reads executions without {@code DescribeExecution}'s output: moto answers 500 when an output
 * holds a timestamp (an aws-sdk task's result, e.g. DescribeEndpoint's CreationTime), so the
 * status comes from ListExecutions and the details from the history.
 */
final class StateMachineRuns {
  private StateMachineRuns() {}

  /**
   * Waits until the execution leaves RUNNING.
   *
   * @return its final status
   */
  static ExecutionStatus awaitEnd(SfnClient sfn, String stateMachineArn, String executionArn,
      Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      ExecutionStatus status = status(sfn, stateMachineArn, executionArn);
      if (status != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
        return status;
      }
      sleep(250);
    }
  }

  static ExecutionStatus status(SfnClient sfn, String stateMachineArn, String executionArn) {
    return sfn.listExecutionsPaginator(b -> b.stateMachineArn(stateMachineArn)).executions()
        .stream().filter(e -> e.executionArn().equals(executionArn)).findFirst()
        .orElseThrow(() -> new AssertionError("no execution " + executionArn))
        .status();
  }

  /** @return the names of the states entered, in order */
  static List<String> statesEntered(SfnClient sfn, String executionArn) {
    return history(sfn, executionArn).stream()
        .filter(e -> e.stateEnteredEventDetails() != null)
        .map(e -> e.stateEnteredEventDetails().name()).toList();
  }

  static List<HistoryEvent> history(SfnClient sfn, String executionArn) {
    return sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)).events().stream()
        .toList();
  }

  /** @return the execution's input, from its ExecutionStarted event */
  static String input(SfnClient sfn, String executionArn) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<HistoryEvent> history = history(sfn, executionArn);
    while (history.isEmpty() && System.nanoTime() < deadline) {
      sleep(100);
      history = history(sfn, executionArn);
    }
    if (history.isEmpty()) {
      throw new AssertionError("execution " + executionArn + " has no history after 10 s");
    }
    return history.get(0).executionStartedEventDetails().input();
  }

  /** @return the output of the first exit from that state, or null */
  static String output(SfnClient sfn, String executionArn, String state) {
    return history(sfn, executionArn).stream()
        .filter(e -> e.stateExitedEventDetails() != null
            && e.stateExitedEventDetails().name().equals(state))
        .map(e -> e.stateExitedEventDetails().output()).findFirst().orElse(null);
  }

  /**
   * Writes the history (each event's type, state and data) to {@code target/executions/} so a
   * failed run can be read.
   *
   * @return where it was written
   */
  static java.nio.file.Path dump(SfnClient sfn, String executionArn) {
    StringBuilder text = new StringBuilder();
    for (HistoryEvent e : history(sfn, executionArn)) {
      text.append(e.id()).append(' ').append(e.typeAsString());
      if (e.stateEnteredEventDetails() != null) {
        text.append(' ').append(e.stateEnteredEventDetails().name()).append(" input ")
            .append(e.stateEnteredEventDetails().input());
      }
      if (e.stateExitedEventDetails() != null) {
        text.append(' ').append(e.stateExitedEventDetails().name()).append(" output ")
            .append(e.stateExitedEventDetails().output());
      }
      if (e.taskFailedEventDetails() != null) {
        text.append(" failed ").append(e.taskFailedEventDetails().error()).append(": ")
            .append(e.taskFailedEventDetails().cause());
      }
      if (e.executionFailedEventDetails() != null) {
        text.append(" failed ").append(e.executionFailedEventDetails().error()).append(": ")
            .append(e.executionFailedEventDetails().cause());
      }
      text.append('\n');
    }
    java.nio.file.Path file = java.nio.file.Path.of("target", "executions",
        executionArn.substring(executionArn.lastIndexOf(':') + 1) + ".txt");
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file.toAbsolutePath();
  }

  /** Waits until a state was entered (for machines that then wait for an hour). */
  static List<String> awaitState(SfnClient sfn, String executionArn, String state,
      Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    List<String> entered = statesEntered(sfn, executionArn);
    while (!entered.contains(state) && System.nanoTime() < deadline) {
      sleep(250);
      entered = statesEntered(sfn, executionArn);
    }
    return entered;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
