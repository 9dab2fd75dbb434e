package dev.rookery.functions.common;

/**
 * An {@code s3://bucket/key} address.
 *
 * @param bucket bucket name, non-blank
 * @param key object key, non-blank
 */
public record S3Location(String bucket, String key) {
  /** Validates both parts. */
  public S3Location {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("S3 bucket must not be blank, found '" + bucket + "'");
    }
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("S3 key must not be blank, found '" + key + "'");
    }
  }

  /**
   * @param uri e.g. {@code s3://bucket/path/file.json}
   * @return the location
   * @throws IllegalArgumentException if it is not an s3 URI with a bucket and a key
   */
  public static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException("not an s3:// URI: '" + uri + "'");
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("s3 URI needs a bucket and a key: '" + uri + "'");
    }
    return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** @return {@code s3://bucket/key} */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
