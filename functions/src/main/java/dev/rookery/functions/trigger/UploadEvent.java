package dev.rookery.functions.trigger;

import dev.rookery.functions.common.EventBridgeEvents;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.S3Location;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The parts of an EventBridge S3 "Object Created" event the trigger uses.
 *
 * @param object the object
 * @param size its size in bytes
 * @param etag its ETag, never blank
 * @param versionId its version id, or {@code null} in an unversioned bucket
 */
public record UploadEvent(S3Location object, long size, String etag, String versionId) {
  /** Validates. */
  public UploadEvent {
    if (object == null) {
      throw new IllegalArgumentException("object must not be null");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, found " + size);
    }
    if (etag == null || etag.isBlank()) {
      throw new IllegalArgumentException("etag must not be blank");
    }
  }

  /**
   * Parses the EventBridge event ({@code source aws.s3}, {@code detail-type Object Created}).
   *
   * @param event the whole event
   * @return the upload
   * @throws InvalidEventException naming the first missing or malformed field
   */
  public static UploadEvent parse(Map<String, Object> event) {
    Map<String, Object> detail = EventBridgeEvents.detail(event, "aws.s3", "Object Created");
    String bucket = Json.text(Json.object(detail, "bucket", "detail.bucket"), "name",
        "detail.bucket.name");
    Map<String, Object> object = Json.object(detail, "object", "detail.object");
    String key = Json.text(object, "key", "detail.object.key");
    double size = Json.number(object, "size", "detail.object.size");
    if (size < 0 || size != Math.rint(size)) {
      throw new InvalidEventException("detail.object.size",
          "must be a non-negative integer, found " + size);
    }
    String etag = Json.text(object, "etag", "detail.object.etag");
    String versionId = Json.optionalText(object, "version-id", "detail.object.version-id");
    return new UploadEvent(new S3Location(bucket, key), (long) size, etag,
        versionId == null || versionId.isBlank() ? null : versionId);
  }

  /** @return the version id when the bucket is versioned, else the ETag: what names the content */
  public String version() {
    return versionId != null ? versionId : etag;
  }

  /**
   * The {@code CopySource} of an S3 CopyObject of exactly this upload: {@code
   * <bucket>/<URL-encoded key>}, plus {@code ?versionId=<id>} in a versioned bucket. The S3 API
   * wants the key URL-encoded (API_CopyObject, "CopySource"), which ASL cannot do, so the trigger
   * hands it to the pipeline ready to use.
   *
   * @return the copy source
   */
  public String copySource() {
    String source = object.bucket() + "/" + encode(object.key()).replace("%2F", "/");
    return versionId == null ? source : source + "?versionId=" + encode(versionId);
  }

  /**
   * The ETag in the quoted form S3 returns and {@code CopySourceIfMatch} compares with: in an
   * unversioned bucket the pipeline's copy fails (412) instead of reading a newer upload of the key.
   *
   * @return the ETag, in double quotes
   */
  public String quotedEtag() {
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
