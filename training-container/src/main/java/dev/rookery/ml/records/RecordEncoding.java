package dev.rookery.ml.records;

import java.util.Locale;
import java.util.Optional;

/**
 * The body encodings an inference request or response may use, with their media types and the
 * {@code encoding} name SageMaker data capture writes for them.
 */
public enum RecordEncoding {
  /** {@code text/csv}: one record per row, feature columns in schema order. */
  CSV("text/csv", "CSV"),
  /** {@code application/json}: an object, an array of records, or {@code {"instances": [...]}}. */
  JSON("application/json", "JSON"),
  /** {@code application/jsonlines}: one JSON record per line. */
  JSON_LINES("application/jsonlines", "JSON");

  private final String mediaType;
  private final String captureEncoding;

  RecordEncoding(String mediaType, String captureEncoding) {
    this.mediaType = mediaType;
    this.captureEncoding = captureEncoding;
  }

  /** The media type without parameters, e.g. {@code text/csv}. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The {@code captureData.*.encoding} SageMaker writes for a body of this type: {@code CSV} or
   * {@code JSON} (JSON Lines is JSON text to SageMaker).
   */
  public String captureEncoding() {
    return captureEncoding;
  }

  /**
   * The encoding of a {@code Content-Type} or one {@code Accept} entry, parameters such as {@code
   * ; charset=utf-8} ignored, case-insensitive.
   *
   * @return empty for {@code null}, blank or any other media type
   */
  public static Optional<RecordEncoding> fromMediaType(String contentType) {
    String base = baseMediaType(contentType);
    for (RecordEncoding e : values()) {
      if (e.mediaType.equals(base)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The media type without parameters, trimmed and lower-cased; "" for {@code null}. */
  public static String baseMediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String base = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return base.trim().toLowerCase(Locale.ROOT);
  }
}
