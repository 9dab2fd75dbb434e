package dev.rookery.settings;

/**
 * One thing wrong with a settings document.
 *
 * @param path where, as a JSON path from the document root ({@code tuning.max_jobs},
 *     {@code tuning.parameter_ranges.IntegerParameterRanges[0].MinValue}); empty for the root
 * @param message what is wrong, naming the value found ({@code must be at least 1, found 0})
 * @param line the line of the value in the file, or 0 when unknown (settings built in code,
 *     one-line JSON)
 */
public record Problem(String path, String message, int line) {
  /** A problem without a line. */
  public Problem(String path, String message) {
    this(path, message, 0);
  }

  /** @return this problem, its path under {@code parent} (a part validates with local paths) */
  Problem under(String parent) {
    return new Problem(path.isEmpty() ? parent : path.startsWith("[") ? parent + path : parent + "." + path,
        message, line);
  }

  /** @return {@code path: message (line N)}; just the message for the document itself */
  @Override
  public String toString() {
    return (path.isEmpty() ? "" : path + ": ") + message + (line > 0 ? " (line " + line + ")" : "");
  }
}
