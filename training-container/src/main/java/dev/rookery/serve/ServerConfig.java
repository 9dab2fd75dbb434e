package dev.rookery.serve;

import dev.rookery.ml.predict.RecordPredictor;
import java.util.Objects;

/**
 * What an {@link InferenceServer} serves and where.
 *
 * <p>The five-argument constructor binds every interface, as SageMaker's {@code serve} contract
 * needs (the platform routes traffic to the container's port); {@link #loopback} binds 127.0.0.1
 * only, for an endpoint on a laptop that nobody else on the network should reach.
 *
 * @param predictor the loaded model; shared by every request thread (implementations are
 *     thread-safe)
 * @param port TCP port, 0 for an ephemeral one (read it back with {@link InferenceServer#port()})
 * @param endpointName endpoint name, the first folder of capture files (e.g. {@code
 *     local-endpoint})
 * @param variantName production variant name, the second folder of capture files (e.g. {@code
 *     AllTraffic})
 * @param capture data capture, or {@code null} for none
 * @param bindHost the address to listen on: an IP literal or host name; {@link #ALL_INTERFACES} or
 *     {@link #LOOPBACK}
 */
public record ServerConfig(
    RecordPredictor predictor, int port, String endpointName, String variantName, CaptureConfig capture,
    String bindHost) {

  /** Endpoint name used when none is given. */
  public static final String DEFAULT_ENDPOINT_NAME = "local-endpoint";

  /** Variant name used when none is given, as SageMaker's single-variant default. */
  public static final String DEFAULT_VARIANT_NAME = "AllTraffic";

  /** Every interface (the wildcard address, IPv4 and IPv6): SageMaker's {@code serve} mode. */
  public static final String ALL_INTERFACES = "0.0.0.0";

  /** The loopback interface only: local mode. */
  public static final String LOOPBACK = "127.0.0.1";

  /** Binds every interface ({@link #ALL_INTERFACES}), as the SageMaker container must. */
  public ServerConfig(
      RecordPredictor predictor, int port, String endpointName, String variantName, CaptureConfig capture) {
    this(predictor, port, endpointName, variantName, capture, ALL_INTERFACES);
  }

  /** A server reachable from this machine only ({@link #LOOPBACK}): local endpoints. */
  public static ServerConfig loopback(
      RecordPredictor predictor, int port, String endpointName, String variantName, CaptureConfig capture) {
    return new ServerConfig(predictor, port, endpointName, variantName, capture, LOOPBACK);
  }

  public ServerConfig {
    Objects.requireNonNull(predictor, "predictor");
    if (bindHost == null || bindHost.isBlank()) {
      throw new IllegalArgumentException("bindHost must be an address such as 127.0.0.1, found '" + bindHost + "'");
    }
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
