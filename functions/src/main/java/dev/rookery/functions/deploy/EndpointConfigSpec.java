package dev.rookery.functions.deploy;

import java.util.List;

/**
 * An endpoint config with one production variant and data capture.
 *
 * @param name endpoint config name
 * @param modelName the variant's model
 * @param variantName the variant
 * @param fleet the variant's instances
 * @param capture the data capture; its content types are the server's, {@link #CSV_TYPES} and
 *     {@link #JSON_TYPES}
 */
public record EndpointConfigSpec(String name, String modelName, String variantName, Fleet fleet,
    DataCapture capture) {
  /** Content types the server accepts as CSV; the capture records them as CSV, not base64. */
  public static final List<String> CSV_TYPES = List.of("text/csv");
  /** Content types the server accepts as JSON. */
  public static final List<String> JSON_TYPES = List.of("application/json", "application/jsonlines");
}
