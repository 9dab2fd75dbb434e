package dev.rookery.serve;

import dev.rookery.ml.predict.RecordPredictor;
import java.util.Objects;

/**
 * What an {@link InferenceServer} serves and where.
 *
 * @param predictor the loaded model; shared by every request thread (implementations are
 *     thread-safe)
 * @param port TCP port, 0 for an ephemeral one (read it back with {@link InferenceServer#port()})
 * @param endpointName endpoint name, the first folder of capture files (e.g. {@code
 *     local-endpoint})
 * @param variantName production variant name, the second folder of capture files (e.g. {@code
 *     AllTraffic})
 * @param capture data capture, or {@code null} for none
 */
public record ServerConfig(
    RecordPredictor predictor, int port, String endpointName, String variantName, CaptureConfig capture) {

  /** Endpoint name used when none is given. */
  public static final String DEFAULT_ENDPOINT_NAME = "local-endpoint";

  /** Variant name used when none is given, as SageMaker's single-variant default. */
  public static final String DEFAULT_VARIANT_NAME = "AllTraffic";

  public ServerConfig {
    Objects.requireNonNull(predictor, "predictor");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, found " + port);
    }
    requireName("endpointName", endpointName);
    requireName("variantName", variantName);
  }

  private static void requireName(String what, String value) {
    // The names become folder names of capture files: keep them to SageMaker's name alphabet.
    if (value == null || !value.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
      throw new IllegalArgumentException(
          what + " must match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62} (SageMaker names), found '" + value + "'");
    }
  }
}
