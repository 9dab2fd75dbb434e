package dev.rookery.ml.records;

/** A body whose content type is none of the {@link RecordEncoding}s (HTTP 415). */
public class UnsupportedContentTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String contentType;

  /** @param contentType the content type received, possibly {@code null} */
  public UnsupportedContentTypeException(String contentType) {
    super("unsupported content type '" + contentType + "': expected text/csv, application/json or application/jsonlines");
    this.contentType = contentType;
  }

  /** The content type received, possibly {@code null}. */
  public String contentType() {
    return contentType;
  }
}
