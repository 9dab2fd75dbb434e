package dev.rookery.functions.deploy;

import java.util.List;

/**
 * An endpoint config with one production variant and data capture.
 *
 * @param name endpoint config name
 * @param modelName the variant's model
 * @param variantName the variant
 * @param instanceType instance type
 * @param instanceCount initial instance count
 * @param capturePercent {@code InitialSamplingPercentage}; capture is enabled when above 0
 * @param captureS3Uri {@code DestinationS3Uri}
 * @param csvContentTypes captured as CSV
 * @param jsonContentTypes captured as JSON
 */
public record EndpointConfigSpec(String name, String modelName, String variantName,
    String instanceType, int instanceCount, int capturePercent, String captureS3Uri,
    List<String> csvContentTypes, List<String> jsonContentTypes) {
  /** Content types the server accepts as CSV; the capture records them as CSV, not base64. */
  public static final List<String> CSV_TYPES = List.of("text/csv");
  /** Content types the server accepts as JSON. */
  public static final List<String> JSON_TYPES = List.of("application/json", "application/jsonlines");

  /** Copies. */
  public EndpointConfigSpec {
    csvContentTypes = List.copyOf(csvContentTypes);
    jsonContentTypes = List.copyOf(jsonContentTypes);
  }
}
