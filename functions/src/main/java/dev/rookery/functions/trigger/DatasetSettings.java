package dev.rookery.functions.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trigger needs from {@code config/pipeline.json}: the target column and any required
 * feature columns. The whole document travels on as the execution's {@code settings}.
 *
 * @param document the full settings document
 * @param target the target column (key {@code target})
 * @param requiredColumns further columns the header must contain (key {@code required_columns},
 *     optional)
 */
public record DatasetSettings(ObjectNode document, String target, List<String> requiredColumns) {
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
  public static DatasetSettings of(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new IllegalArgumentException("must be a JSON object");
    }
    JsonNode target = document.get("target");
    if (target == null || !target.isTextual() || target.asText().isBlank()) {
      throw new IllegalArgumentException("key 'target' must be a non-blank string, found " + target);
    }
    List<String> required = new ArrayList<>();
    JsonNode columns = document.get("required_columns");
    if (columns != null && !columns.isNull()) {
      if (!columns.isArray()) {
        throw new IllegalArgumentException("key 'required_columns' must be an array, found " + columns);
      }
      for (JsonNode column : columns) {
        if (!column.isTextual() || column.asText().isBlank()) {
          throw new IllegalArgumentException(
              "key 'required_columns' must hold non-blank strings, found " + column);
        }
        required.add(column.asText());
      }
    }
    return new DatasetSettings((ObjectNode) document, target.asText(), required);
  }
}
