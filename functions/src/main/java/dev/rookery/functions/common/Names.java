package dev.rookery.functions.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic names. A retry or a duplicate event recomputes the same name, so AWS's own
 * idempotency (Step Functions execution names, SageMaker resource names) does the deduplication.
 */
public final class Names {
  /** SageMaker's name pattern for models, endpoint configs, endpoints, groups. */
  public static final Pattern SAGEMAKER_NAME = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");

  /**
   * A versioned model package ARN, {@code
   * arn:<partition>:sagemaker:<region>:<account>:model-package/<group>/<version>}: group 1 is the
   * group name (SageMaker's name pattern, at most 63 characters), group 2 the version (a positive
   * {@code int}, at most 10 digits).
   */
  public static final Pattern MODEL_PACKAGE_ARN = Pattern.compile("^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:[0-9]{12}"
      + ":model-package/([a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})/([1-9][0-9]{0,9})$");

  /** Step Functions' limit on execution names. */
  public static final int MAX_EXECUTION_NAME = 80;

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

  /** Start of every retraining execution's name: {@code r} is no hex digit, so no upload's. */
  public static final String RETRAIN_EXECUTION_PREFIX = "rk-r";

  /**
   * The pipeline execution name of a retraining: {@value #RETRAIN_EXECUTION_PREFIX} and the first 23
   * hex digits of sha256(cooldown window/bucket/key/version), 27 characters like an upload's (the
   * job names derived from it stay within 32). The same alarm repeated within one cooldown window,
   * on the same dataset version, gets the same name, so Step Functions starts it once.
   *
   * @param window the cooldown window's number (epoch seconds divided by the cooldown's seconds)
   * @param bucket the data bucket
   * @param key the dataset's key
   * @param version its version id, or its ETag when the bucket is unversioned
   * @return the execution name
   */
  public static String retrainExecution(long window, String bucket, String key, String version) {
    return RETRAIN_EXECUTION_PREFIX + sha256Hex("retrain/" + window + "/" + bucket + "/" + key
        + "/" + version).substring(0, 23);
  }

  /**
   * The deploy state machine's execution name for a model package: {@code <group>-<version>}, the
   * ARN's last two path segments, e.g. {@code ...:model-package/rookery-dev/7} -> {@code
   * rookery-dev-7}. The pipeline's Deploy step computes the same name in ASL ({@code
   * States.StringSplit} of the ARN on {@code /}, items 1 and 2), so a package approved in the
   * registry and deployed by the pipeline is one Step Functions execution, not two. At most 63 + 1
   * + 10 = 74 characters, within Step Functions' 80.
   *
   * @param modelPackageArn a versioned model package ARN
   * @return the execution name
   * @throws IllegalArgumentException naming the ARN when it is not a versioned model package ARN
   */
  public static String deployExecution(String modelPackageArn) {
    Matcher m = MODEL_PACKAGE_ARN.matcher(modelPackageArn == null ? "" : modelPackageArn);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a versioned model package ARN"
          + " arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>, found '"
          + modelPackageArn + "'");
    }
    String name = m.group(1) + "-" + m.group(2);
    if (name.length() > MAX_EXECUTION_NAME) {
      throw new IllegalStateException("execution name '" + name + "' exceeds " + MAX_EXECUTION_NAME);
    }
    return name;
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
