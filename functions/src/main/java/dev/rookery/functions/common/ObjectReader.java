package dev.rookery.functions.common;

/** Port: reads (the start of) an S3 object. */
public interface ObjectReader {
  /**
   * Reads at most {@code maxBytes} from the start of an object.
   *
   * @param location the object
   * @param versionId the version to read, or {@code null} for the current one
   * @param maxBytes upper bound on the bytes transferred
   * @return the bytes read and the object's metadata
   */
  ObjectSample readStart(S3Location location, String versionId, int maxBytes);

  /**
   * The first bytes of an object.
   *
   * @param bytes what was read, at most the requested number
   * @param contentType the object's {@code Content-Type}, or {@code null}
   * @param totalSize the object's full size in bytes
   */
  record ObjectSample(byte[] bytes, String contentType, long totalSize) {
    /** Validates. */
    public ObjectSample {
      if (bytes == null) {
        throw new IllegalArgumentException("bytes must not be null");
      }
      if (totalSize < bytes.length) {
        throw new IllegalArgumentException("totalSize " + totalSize + " < bytes read " + bytes.length);
      }
    }

    /** @return whether the sample is the whole object */
    public boolean complete() {
      return totalSize == bytes.length;
    }
  }
}
