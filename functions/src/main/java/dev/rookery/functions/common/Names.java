package dev.rookery.functions.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Deterministic names. A retry or a duplicate event recomputes the same name, so AWS's own
 * idempotency (Step Functions execution names, SageMaker resource names) does the deduplication.
 */
public final class Names {
  /** SageMaker's name pattern for models, endpoint configs, endpoints, groups. */
  public static final Pattern SAGEMAKER_NAME = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");

  private Names() {}

  /** @return the lowercase hex SHA-256 of the UTF-8 text */
  public static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  /**
   * The pipeline execution name: {@code rk-} and the first 24 hex digits of
   * sha256(bucket/key/version), 27 characters, so job names derived from it stay within 32.
   *
   * @param bucket the data bucket
   * @param key the object key
   * @param version the object's version id, or its ETag when the bucket is unversioned
   * @return the execution name
   */
  public static String pipelineExecution(String bucket, String key, String version) {
    return "rk-" + sha256Hex(bucket + "/" + key + "/" + version).substring(0, 24);
  }

  /**
   * A SageMaker-valid name: {@code prefix} cleaned to the allowed characters and cut so that
   * {@code prefix-suffix} fits in 63 characters. {@code suffix} must already be valid.
   *
   * @param prefix human-readable part, e.g. the endpoint name
   * @param suffix distinguishing part, e.g. a version and a hash
   * @return a name matching {@link #SAGEMAKER_NAME}
   */
  public static String sageMaker(String prefix, String suffix) {
    String cleaned = prefix.replaceAll("[^a-zA-Z0-9-]", "-").replaceAll("^-+", "");
    int room = 63 - suffix.length() - 1;
    if (cleaned.length() > room) {
      cleaned = cleaned.substring(0, room);
    }
    cleaned = cleaned.replaceAll("-+$", "");
    String name = cleaned.isEmpty() ? suffix : cleaned + "-" + suffix;
    if (!SAGEMAKER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("cannot build a SageMaker name from prefix '" + prefix
          + "' and suffix '" + suffix + "': got '" + name + "'");
    }
    return name;
  }
}
