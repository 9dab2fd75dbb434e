package dev.rookery.container;

import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code /opt/ml} root of the SageMaker container contracts, movable with the environment
 * variable {@value #ENV} so tests and local runs use a temporary tree.
 *
 * @param root the root directory
 */
public record OptMl(Path root) {
  /** Environment variable that moves the root. */
  public static final String ENV = "ROOKERY_OPT_ML";

  /** From the environment ({@value #ENV}, default {@code /opt/ml}). */
  public static OptMl fromEnvironment(Map<String, String> env) {
    String value = env.get(ENV);
    return new OptMl(Path.of(value == null || value.isBlank() ? "/opt/ml" : value));
  }

  /** A path under the root, e.g. {@code resolve("processing/train")}. */
  public Path resolve(String relative) {
    return root.resolve(relative);
  }
}
