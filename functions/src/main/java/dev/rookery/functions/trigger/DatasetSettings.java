package dev.rookery.functions.trigger;

import dev.rookery.functions.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the trigger needs from {@code config/pipeline.json}: the target column and any required
 * feature columns. The whole document travels on as the execution's {@code settings}.
 *
 * @param document the full settings document
 * @param target the target column (key {@code target})
 * @param requiredColumns further columns the header must contain (key {@code required_columns},
 *     optional)
 */
public record DatasetSettings(Map<String, Object> document, String target, List<String> requiredColumns) {
  /** Validates. */
  public DatasetSettings {
    if (document == null) {
      throw new IllegalArgumentException("document must not be null");
    }
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("settings.target must not be blank, found '" + target + "'");
    }
    requiredColumns = List.copyOf(requiredColumns);
  }

  /**
   * @param document the parsed {@code config/pipeline.json}
   * @return the settings
   * @throws IllegalArgumentException naming the bad key
   */
  public static DatasetSettings of(Object document) {
    if (!(document instanceof Map)) {
      throw new IllegalArgumentException("must be a JSON object, found " + Json.describe(document));
    }
    Map<String, Object> settings = Json.asObject(document, "settings");
    Object target = settings.get("target");
    if (!(target instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("key 'target' must be a non-blank string, found "
          + Json.describe(target));
    }
    List<String> required = new ArrayList<>();
    Object columns = settings.get("required_columns");
    if (columns != null) {
      if (!(columns instanceof List<?> list)) {
        throw new IllegalArgumentException("key 'required_columns' must be an array, found "
            + Json.describe(columns));
      }
      for (Object column : list) {
        if (!(column instanceof String name) || name.isBlank()) {
          throw new IllegalArgumentException(
              "key 'required_columns' must hold non-blank strings, found " + Json.describe(column));
        }
        required.add(name);
      }
    }
    return new DatasetSettings(settings, text, required);
  }
}
