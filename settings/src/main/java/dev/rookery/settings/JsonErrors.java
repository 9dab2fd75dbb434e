package dev.rookery.settings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Says what is wrong with a JSON file a person wrote ({@code hyperparameters.json},
 * {@code pipeline.json}): the line and column, and Jackson's own description without the
 * {@code [Source: REDACTED ...]} location text Jackson appends to its messages.
 *
 * <pre>{@code
 * catch (JsonProcessingException e) { throw new SomeException(JsonErrors.describe(file.toString(), e)); }
 * // "/opt/ml/input/config/hyperparameters.json: not valid JSON at line 1, column 26: Unexpected character ..."
 * }</pre>
 */
public final class JsonErrors {
  private JsonErrors() {}

  /**
   * @param e the parse or mapping failure
   * @return {@code "not valid JSON at line L, column C: <problem>"}; without line and column when
   *     Jackson knows none
   */
  public static String problem(JsonProcessingException e) {
    StringBuilder sb = new StringBuilder("not valid JSON");
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      sb.append(" at line ").append(at.getLineNr());
      if (at.getColumnNr() > 0) {
        sb.append(", column ").append(at.getColumnNr());
      }
    }
    return sb.append(": ").append(e.getOriginalMessage()).toString();
  }

  /**
   * @param source the file (or resource) that was read
   * @param e the parse or mapping failure
   * @return {@code "<source>: "} then {@link #problem(JsonProcessingException)}
   */
  public static String describe(String source, JsonProcessingException e) {
    return source + ": " + problem(e);
  }
}
