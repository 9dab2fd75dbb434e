package dev.rookery.settings;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Settings that break a rule of the model: every problem found, each naming its field and value,
 * in one exception. Thrown by the readers ({@link PipelineSettings#load}, {@link
 * PipelineSettings#parse}, {@link PipelineSettings#withOverrides}) and by the records' constructors.
 */
public final class SettingsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final transient List<Problem> problems;

  /**
   * @param source what was read ({@code config/pipeline.json}, {@code PIPELINE_SETTINGS}), or
   *     empty for settings built in code
   * @param problems every problem, at least one
   */
  public SettingsException(String source, List<Problem> problems) {
    super(message(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  SettingsException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.problems = List.of(new Problem("", problem));
  }

  /** @return what was read, or empty */
  public String source() {
    return source;
  }

  /** @return every problem, in document order */
  public List<Problem> problems() {
    return problems;
  }

  /** @return the same problems, their paths under {@code parent} */
  SettingsException under(String parent) {
    return new SettingsException(source, problems.stream().map(p -> p.under(parent)).toList());
  }

  private static String message(String source, List<Problem> problems) {
    String prefix = source.isEmpty() ? "" : source + ": ";
    if (problems.size() == 1) {
      return prefix + problems.get(0);
    }
    return prefix + problems.size() + " problems: "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }
}
