package dev.rookery.functions.testutils;

import dev.rookery.functions.common.ExecutionStarter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ExecutionStarter} that keeps executions by name, as Step Functions does. */
public final class InMemoryExecutionStarter implements ExecutionStarter {
  /**
   * A started execution.
   *
   * @param stateMachineArn state machine
   * @param name execution name
   * @param input input JSON
   */
  public record Execution(String stateMachineArn, String name, String input) {}

  private final Map<String, Execution> byName = new LinkedHashMap<>();
  /** Every call, including duplicates. */
  public final List<Execution> calls = new ArrayList<>();

  @Override
  public Started start(String stateMachineArn, String name, String inputJson) {
    Execution execution = new Execution(stateMachineArn, name, inputJson);
    calls.add(execution);
    String arn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    if (byName.containsKey(name)) {
      return new Started(arn, false);
    }
    byName.put(name, execution);
    return new Started(arn, true);
  }

  /** Status of each execution by name; {@code RUNNING} unless set (a started execution runs). */
  public final Map<String, String> statuses = new LinkedHashMap<>();
  /** Every {@link #status} call's ARN. */
  public final List<String> described = new ArrayList<>();

  @Override
  public String status(String executionArn) {
    described.add(executionArn);
    String name = executionArn.substring(executionArn.lastIndexOf(':') + 1);
    if (!byName.containsKey(name)) {
      throw new IllegalArgumentException("ExecutionDoesNotExist: " + executionArn);
    }
    return statuses.getOrDefault(name, "RUNNING");
  }

  /** @return the distinct executions started */
  public List<Execution> executions() {
    return List.copyOf(byName.values());
  }
}
