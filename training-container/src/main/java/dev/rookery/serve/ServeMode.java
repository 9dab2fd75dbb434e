package dev.rookery.serve;

import dev.rookery.cli.UsageException;
import dev.rookery.ml.predict.RecordPredictor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The container's {@code serve} mode: loads the model from {@code $ROOKERY_OPT_ML/model} (default
 * {@code /opt/ml/model}), serves it on {@code SAGEMAKER_BIND_TO_PORT} (default 8080) until SIGTERM,
 * then stops gracefully and exits 0.
 *
 * <pre>
 * serve [--port P] [--capture-percent P --capture-dir DIR [--capture-file-bytes B]] [--endpoint-name N] [--variant-name V]
 * </pre>
 *
 * <p>Each flag falls back to an environment variable: {@code SAGEMAKER_BIND_TO_PORT}, {@code
 * ROOKERY_CAPTURE_PERCENT}, {@code ROOKERY_CAPTURE_DIR}, {@code ROOKERY_CAPTURE_FILE_BYTES}, {@code
 * ROOKERY_ENDPOINT_NAME}, {@code ROOKERY_VARIANT_NAME}. Capture is on when a capture folder is given (sampling 100 % unless a
 * percentage is given). Defaults: endpoint {@code local-endpoint}, variant {@code AllTraffic}.
 */
public final class ServeMode {

  /** What the {@code serve} mode runs with, after flags and environment are combined. */
  record Options(Path modelDir, int port, String endpointName, String variantName, CaptureConfig capture) {}

  /** Loads a model folder into a predictor, once, at start-up ({@code ModelBundle::load}). */
  @FunctionalInterface
  public interface ModelLoader {
    /** @throws IOException when the folder cannot be read as a model artifact */
    RecordPredictor load(Path modelDir) throws IOException;
  }

  private ServeMode() {}

  /**
   * Runs the serve mode until the JVM is asked to stop; returns only on a start-up failure.
   *
   * @param args the arguments after {@code serve}
   * @param env the environment (System.getenv() in the container)
   * @param loader loads the model folder into a predictor (ModelBundle::load)
   * @return 1 when the model cannot be loaded or the port bound, 2 on a usage error
   */
  public static int run(String[] args, Map<String, String> env, ModelLoader loader) {
    long started = System.nanoTime();
    Options options;
    try {
      options = parse(args, env);
    } catch (UsageException | IllegalArgumentException e) {
      System.err.println("serve: " + e.getMessage() + "\n" + usage());
      return 2;
    }
    RecordPredictor predictor;
    try {
      if (!Files.isDirectory(options.modelDir())) {
        throw new IllegalStateException("model folder " + options.modelDir() + " does not exist (set ROOKERY_OPT_ML?)");
      }
      predictor = loader.load(options.modelDir());
    } catch (IOException | RuntimeException e) {
      System.err.println("serve: cannot load the model from " + options.modelDir() + ": " + e.getMessage());
      return 1;
    }
    InferenceServer server;
    try {
      server =
          InferenceServer.start(
              new ServerConfig(predictor, options.port(), options.endpointName(), options.variantName(), options.capture()));
    } catch (RuntimeException e) {
      System.err.println("serve: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("rookery serve: stopping (in-flight requests finish, capture is flushed)");
                  server.close();
                  System.out.println("rookery serve: stopped" + (options.capture() == null ? "" : "; " + server.captureSummary()));
                  System.out.flush();
                  stopped.countDown();
                  // SIGTERM is how SageMaker (and any supervisor) asks an endpoint to stop: a
                  // clean stop, not a failure. Without halt the JVM would report 143.
                  Runtime.getRuntime().halt(0);
                },
                "rookery-serve-shutdown"));
    PrintStream out = System.out;
    out.printf(
        "rookery serve: listening on port %d (model %s: %d features, classes %s; capture %s) started in %d ms%n",
        server.port(),
        options.modelDir(),
        predictor.schema().features().size(),
        predictor.schema().classes(),
        options.capture() == null
            ? "off"
            : options.capture().samplingPercent() + "% to " + options.capture().destination().resolve(options.endpointName()).resolve(options.variantName()),
        (System.nanoTime() - started) / 1_000_000);
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Combines flags and environment; flags win.
   *
   * <p>The one option loop of the image not read by picocli ({@code dev.rookery.cli}), on purpose:
   * the endpoint's start is a benchmark (start to first {@code /ping}), and picocli's first parse
   * costs more than the rest of this method. Measured in fresh JVMs, 9 runs interleaved on the
   * shared 2-core machine (load 13-17): this parse median 99 ms, the same flags through
   * {@code CommandLineOptions} 466 ms (class loading of picocli's {@code CommandLine}).
   */
  static Options parse(String[] args, Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String port = env.get("SAGEMAKER_BIND_TO_PORT");
    String percent = env.get("ROOKERY_CAPTURE_PERCENT");
    String dir = env.get("ROOKERY_CAPTURE_DIR");
    String fileBytes = env.get("ROOKERY_CAPTURE_FILE_BYTES");
    String endpoint = env.getOrDefault("ROOKERY_ENDPOINT_NAME", ServerConfig.DEFAULT_ENDPOINT_NAME);
    String variant = env.getOrDefault("ROOKERY_VARIANT_NAME", ServerConfig.DEFAULT_VARIANT_NAME);
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      String name = flag;
      String value;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        name = flag.substring(0, eq);
        value = flag.substring(eq + 1);
      } else {
        if (rest.isEmpty()) {
          throw new UsageException(flag.startsWith("--") ? "flag " + flag + " needs a value" : "unexpected argument '" + flag + "'");
        }
        value = rest.remove(0);
      }
      switch (name) {
        case "--port" -> port = value;
        case "--capture-percent" -> percent = value;
        case "--capture-dir" -> dir = value;
        case "--capture-file-bytes" -> fileBytes = value;
        case "--endpoint-name" -> endpoint = value;
        case "--variant-name" -> variant = value;
        default -> throw new UsageException("unknown flag '" + name + "'");
      }
    }
    int portNumber = port == null || port.isBlank() ? 8080 : integer("port (--port / SAGEMAKER_BIND_TO_PORT)", port);
    CaptureConfig capture = null;
    if (dir != null && !dir.isBlank()) {
      int p = percent == null || percent.isBlank() ? 100 : integer("capture percent (--capture-percent / ROOKERY_CAPTURE_PERCENT)", percent);
      long maxFileBytes = fileBytes == null || fileBytes.isBlank()
          ? CaptureConfig.DEFAULT_MAX_FILE_BYTES
          : integer("capture file size (--capture-file-bytes / ROOKERY_CAPTURE_FILE_BYTES)", fileBytes);
      capture = new CaptureConfig(p, Path.of(dir), maxFileBytes);
    } else if (percent != null && !percent.isBlank() && !percent.equals("0")) {
      throw new UsageException("a capture percent (" + percent + ") needs a capture folder: --capture-dir or ROOKERY_CAPTURE_DIR");
    }
    String optMl = env.getOrDefault("ROOKERY_OPT_ML", "/opt/ml");
    return new Options(Path.of(optMl, "model"), portNumber, endpoint, variant, capture);
  }

  private static int integer(String what, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(what + " must be an integer, found '" + value + "'");
    }
  }

  static String usage() {
    return "usage: serve [--port P] [--capture-percent P --capture-dir DIR [--capture-file-bytes B]] [--endpoint-name N] [--variant-name V]\n"
        + "  environment: ROOKERY_OPT_ML (default /opt/ml; the model is read from $ROOKERY_OPT_ML/model),\n"
        + "  SAGEMAKER_BIND_TO_PORT (default 8080), ROOKERY_CAPTURE_PERCENT, ROOKERY_CAPTURE_DIR,\n"
        + "  ROOKERY_CAPTURE_FILE_BYTES (a capture file is closed at this size, default 64 MiB),\n"
        + "  ROOKERY_ENDPOINT_NAME (default local-endpoint), ROOKERY_VARIANT_NAME (default AllTraffic)";
  }
}
