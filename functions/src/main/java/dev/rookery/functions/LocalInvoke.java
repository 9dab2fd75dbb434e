package dev.rookery.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one handler once outside Lambda, the way the runtime does: the handler's no-arg constructor
 * (so it reads the environment and builds its SDK clients), then {@code handleRequest} on an event
 * file. Used by the benchmark and the shaded-jar smoke test; with {@code AWS_ENDPOINT_URL} set, the
 * SDK clients talk to that endpoint instead of AWS.
 *
 * <pre>java -cp rookery-functions.jar dev.rookery.functions.LocalInvoke \
 *     dev.rookery.functions.deploy.DeployHandler event.json</pre>
 */
public final class LocalInvoke {
  private LocalInvoke() {}

  /**
   * @param args handler class name, event file
   * @throws Exception whatever the handler throws, so the exit code and stack trace show it
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: LocalInvoke <handler class> <event.json>");
      System.exit(2);
    }
    RequestStreamHandler handler;
    try {
      handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      // Show the handler's own failure (e.g. InvalidConfigurationException), as Lambda's init would.
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
      handler.handleRequest(in, out, null);
    }
    System.out.println(out.toString(StandardCharsets.UTF_8));
  }
}
