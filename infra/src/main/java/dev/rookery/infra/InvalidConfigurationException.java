package dev.rookery.infra;

import java.util.List;

/**
 * The {@code cdk.json} environments (or the files the app reads) are wrong. The message lists
 * every problem found, one per line, each naming the field and the offending value, so one synth
 * shows everything to fix.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * @param problems every problem found, at least one
   */
  public InvalidConfigurationException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** @return every problem, in the order found */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidConfigurationException needs at least one problem");
    }
    return "Invalid Rookery configuration (" + problems.size() + " problem"
        + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems);
  }
}
