package dev.rookery.serve;

/**
 * The JDK HTTP server's two JVM-wide settings that an endpoint needs, as {@code -D} flags would set
 * them. They are system properties of the JDK ({@code sun.net.httpserver.*}, read once, when the
 * first server of the JVM is created), so only an application's entry point may decide them: the
 * container's {@code Main.main} and the local {@code rookery} command's {@code main} call {@link
 * #applyUnlessSet()} first thing; {@link InferenceServer}, a library class, sets nothing.
 *
 * <ul>
 *   <li>{@code sun.net.httpserver.nodelay=true}: the server writes headers and body in two writes;
 *       with Nagle's algorithm the body waits for the client's delayed ACK (about 40 ms a request).
 *   <li>{@code sun.net.httpserver.maxReqTime=60}: SageMaker gives an invocation 60 s; a client
 *       that stalls mid-request for longer is cut off instead of holding a pool thread for ever.
 * </ul>
 *
 * A value given on the command line ({@code -Dsun.net.httpserver.nodelay=false}) wins.
 */
public final class HttpServerTuning {
  /** Turns Nagle's algorithm off on accepted connections. */
  public static final String NODELAY = "sun.net.httpserver.nodelay";

  /** Longest time in seconds to read a request (headers and body); then the connection is closed. */
  public static final String MAX_REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";

  private HttpServerTuning() {}

  /** Sets both properties where the command line did not; call before any server is created. */
  public static void applyUnlessSet() {
    setUnlessSet(NODELAY, "true");
    setUnlessSet(MAX_REQUEST_SECONDS, "60");
  }

  private static void setUnlessSet(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
