package dev.rookery.functions.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@link ObjectReader} over S3 {@code GetObject} with a {@code Range} header.
 *
 * @param s3 the client
 */
public record S3ObjectReader(S3Client s3) implements ObjectReader {
  @Override
  public ObjectSample readStart(S3Location location, String versionId, int maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, found " + maxBytes);
    }
    GetObjectRequest request = GetObjectRequest.builder()
        .bucket(location.bucket())
        .key(location.key())
        .versionId(versionId)
        .range("bytes=0-" + (maxBytes - 1))
        .build();
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
      byte[] bytes = in.readNBytes(maxBytes);
      GetObjectResponse response = in.response();
      return new ObjectSample(bytes, response.contentType(), totalSize(response, bytes.length));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + location.uri(), e);
    }
  }

  /** The full size: {@code Content-Range: bytes 0-65535/1234567} on a 206, the body on a 200. */
  private static long totalSize(GetObjectResponse response, int read) {
    String range = response.contentRange();
    if (range != null) {
      int slash = range.lastIndexOf('/');
      if (slash >= 0 && !range.endsWith("*")) {
        return Math.max(read, Long.parseLong(range.substring(slash + 1).trim()));
      }
    }
    Long length = response.contentLength();
    return length == null ? read : Math.max(read, length);
  }
}
