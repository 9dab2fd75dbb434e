package dev.rookery.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rookery.metrics.PrometheusText;
import dev.rookery.ml.predict.InvalidRecordException;
import dev.rookery.ml.predict.Prediction;
import dev.rookery.ml.predict.RecordPredictor;
import dev.rookery.ml.records.DecodedRecords;
import dev.rookery.ml.records.RecordDecoder;
import dev.rookery.ml.records.RecordEncoding;
import dev.rookery.ml.records.RecordFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SageMaker inference contract over the JDK's HTTP server: {@code GET /ping} and {@code POST
 * /invocations}, with data capture for local endpoints, and {@code GET /metrics} in Prometheus text
 * format (see {@link ServerMetrics}).
 *
 * <pre>{@code
 * InferenceServer server = InferenceServer.start(
 *     ServerConfig.loopback(ModelBundle.load(modelDir), 8080, "local-endpoint", "AllTraffic",
 *                           new CaptureConfig(100, Path.of(".rookery/capture"))));
 * ...
 * server.close(); // lets in-flight requests finish, flushes capture
 * }</pre>
 *
 * <p>Requests: {@code text/csv}, {@code application/json} and {@code application/jsonlines} bodies
 * of raw records (see {@link RecordDecoder}), at most {@link #MAX_BODY_BYTES}. Responses follow
 * {@code Accept} (see {@link ResponseEncoder}). Client mistakes get a 4xx with a JSON body {@code
 * {"error", "record", "field", "value"}}: 400 malformed body, wrong type or empty body, 404 unknown
 * path, 405 wrong method, 406 unacceptable {@code Accept}, 413 body too large, 415 unsupported
 * content type. A 5xx means a fault of the server, never of the input.
 *
 * <p>Thread-safe: the model is loaded once and shared; each request is handled on a pool thread.
 *
 * <p>The JDK server's socket settings (no Nagle delay, a 60 s limit on reading a request) are
 * JVM-wide system properties that this class does not set: the application's entry point does,
 * with {@link HttpServerTuning#applyUnlessSet()}.
 */
public final class InferenceServer implements AutoCloseable {

  /**
   * The request and response header carrying the inference id, as SageMaker's runtime passes
   * {@code InvokeEndpoint}'s {@code InferenceId} to a container: captured as {@code
   * eventMetadata.inferenceId}, the key ground-truth labels are joined on.
   */
  public static final String INFERENCE_ID_HEADER = "X-Amzn-SageMaker-Inference-Id";

  /** Longest inference id, as {@code InvokeEndpoint}'s {@code InferenceId} (1 to 64 characters). */
  static final int MAX_INFERENCE_ID_LENGTH = 64;

  /** Largest request body, SageMaker's real-time payload limit (6 MB). */
  public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

  /** How long {@link #close()} waits for in-flight requests, SageMaker's SIGTERM-to-SIGKILL grace. */
  static final long DRAIN_MILLIS = 30_000;

  private final HttpServer http;
  private final ExecutorService pool;
  private final RecordPredictor predictor;
  private final RecordDecoder decoder;
  private final DataCapture capture;
  private final ServerMetrics metrics;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;
  private boolean closed;

  private InferenceServer(ServerConfig config) throws IOException {
    this.predictor = config.predictor();
    this.decoder = new RecordDecoder(predictor.schema().featureNames());
    // The wildcard of InetSocketAddress(port) rather than 0.0.0.0 itself: it is dual-stack (IPv4
    // and IPv6), as the server always was on SageMaker.
    InetSocketAddress address = config.bindHost().equals(ServerConfig.ALL_INTERFACES)
        ? new InetSocketAddress(config.port())
        : new InetSocketAddress(config.bindHost(), config.port());
    if (address.isUnresolved()) {
      throw new IOException("bind host '" + config.bindHost() + "' does not resolve to an address");
    }
    this.http = HttpServer.create(address, 256);
    int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "rookery-serve-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.capture =
        config.capture() == null
            ? null
            : new DataCapture(config.capture(), config.endpointName(), config.variantName());
    this.metrics = new ServerMetrics(predictor.schema().classes(), capture);
    http.setExecutor(pool);
    http.createContext("/", this::handle);
    http.start();
  }

  /**
   * Binds the port and starts serving.
   *
   * @throws UncheckedIOException when the port cannot be bound (in use, not permitted)
   */
  public static InferenceServer start(ServerConfig config) {
    try {
      return new InferenceServer(config);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + config.bindHost() + " port " + config.port() + ": " + e.getMessage(), e);
    }
  }

  /** The port the server listens on (the ephemeral one chosen when configured with 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The address and port the server listens on (the wildcard address when bound to every interface). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** Captured records written so far (0 without capture). */
  long capturedRecords() {
    return capture == null ? 0 : capture.written();
  }

  /** Captured records dropped because the capture queue was full (0 without capture). */
  long droppedCaptureRecords() {
    return capture == null ? 0 : capture.dropped();
  }

  /** Captured records lost to a write error: folder not writable, disk full (0 without capture). */
  long failedCaptureRecords() {
    return capture == null ? 0 : capture.failed();
  }

  /**
   * One line on what capture wrote and lost, for the log at shutdown; empty without capture. The
   * same counts are kept in {@code capture-stats.json} next to the hour folders while serving.
   */
  public String captureSummary() {
    return capture == null
        ? ""
        : "capture: " + capture.written() + " records written, " + capture.dropped() + " dropped, "
            + capture.failed() + " failed to write (counts in " + capture.statsFile() + ")";
  }

  /**
   * Stops gracefully: stops accepting connections, lets in-flight requests finish (up to 30 s),
   * writes every captured record, then releases the threads. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closing = true;
    // HttpServer.stop(delay) closes the listener at once but, on JDK 17, always sleeps the whole
    // delay even when nothing is in flight (JDK-8304065). So: stop(delay) on a helper thread for
    // the listener, our own in-flight count for the wait, then stop(0) to end both at once.
    Thread stopper = new Thread(() -> http.stop((int) (DRAIN_MILLIS / 1000)), "rookery-serve-stop");
    stopper.setDaemon(true);
    stopper.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    http.stop(0);
    pool.shutdown();
    try {
      stopper.join(1_000);
      pool.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (capture != null) {
      capture.close();
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) {
    long start = System.nanoTime();
    inFlight.incrementAndGet();
    String path = exchange.getRequestURI().getPath();
    // 0 until an answer is sent: a client that went away before it is not counted.
    int status = 0;
    try {
      if (closing) {
        // A request on a kept-alive connection during shutdown: answer it, then hang up.
        exchange.getResponseHeaders().set("Connection", "close");
      }
      status = switch (path) {
        case "/ping" -> ping(exchange);
        case "/invocations" -> invocations(exchange);
        case "/metrics" -> metrics(exchange);
        default -> throw new HttpError(404, "no such path '" + path + "': use GET /ping, POST /invocations or GET /metrics");
      };
    } catch (HttpError e) {
      status = send(exchange, e);
    } catch (IOException e) {
      // The client went away mid-request: nothing to answer.
    } catch (RuntimeException e) {
      // Not the client's fault (input errors are HttpErrors): a 500, logged with its cause.
      System.err.println("rookery serve: internal error on " + exchange.getRequestURI() + ": " + e);
      e.printStackTrace();
      status = send(exchange, new HttpError(500, "internal error: " + e.getClass().getSimpleName()));
    } finally {
      exchange.close();
      if (status != 0) {
        metrics.request(ServerMetrics.Route.of(path), status, System.nanoTime() - start);
      }
      inFlight.decrementAndGet();
    }
  }

  private int ping(HttpExchange exchange) throws IOException {
    requireMethod(exchange, "GET");
    drain(exchange.getRequestBody());
    // The model is loaded before the server starts, so a listening server is a healthy one.
    exchange.sendResponseHeaders(200, -1);
    return 200;
  }

  private int metrics(HttpExchange exchange) throws IOException {
    requireMethod(exchange, "GET");
    drain(exchange.getRequestBody());
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(body);
    }
    return 200;
  }

  private int invocations(HttpExchange exchange) throws IOException {
    requireMethod(exchange, "POST");
    Headers headers = exchange.getRequestHeaders();
    String contentType = headers.getFirst("Content-Type");
    RecordEncoding in =
        RecordEncoding.fromMediaType(contentType)
            .orElseThrow(
                () ->
                    new HttpError(
                        415,
                        contentType == null
                            ? "the Content-Type header is missing: use text/csv, application/json or application/jsonlines"
                            : "unsupported content type '" + contentType + "': use text/csv, application/json or application/jsonlines",
                        null,
                        "Content-Type",
                        contentType));
    String accept = String.join(",", Optional.ofNullable(headers.get("Accept")).orElse(List.of()));
    RecordEncoding out =
        ResponseEncoder.negotiate(accept, in)
            .orElseThrow(
                () ->
                    new HttpError(
                        406,
                        "cannot answer in '" + accept + "': accepted are application/json, text/csv, application/jsonlines",
                        null,
                        "Accept",
                        accept));
    String inferenceId = inferenceId(headers.getFirst(INFERENCE_ID_HEADER));
    byte[] body = readBody(exchange);

    DecodedRecords decoded;
    try {
      decoded = decoder.decodeDetailed(in, body);
    } catch (RecordFormatException e) {
      throw new HttpError(400, e.getMessage(), e.record() < 0 ? null : e.record(), e.field(), e.value());
    }
    List<String[]> records = decoded.records();
    List<Prediction> predictions = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      try {
        predictions.add(predictor.predict(records.get(i)));
      } catch (InvalidRecordException e) {
        throw new HttpError(400, "record " + i + ": " + e.getMessage(), i, e.field(), e.value());
      }
    }
    byte[] response = ResponseEncoder.encode(out, decoded.layout(), predictions);
    String responseType = ResponseEncoder.contentType(out);
    // Queued before the answer is sent: a client that has its 200 knows its record is queued (or
    // counted as dropped), and one client's records reach the files in the order it sent them.
    if (capture != null && capture.sample()) {
      capture.offer(contentType, body, responseType, response, inferenceId);
    }
    for (int i = 0; i < predictions.size(); i++) {
      metrics.prediction(predictions.get(i).label());
    }
    exchange.getResponseHeaders().set("Content-Type", responseType);
    exchange.getResponseHeaders().set(INFERENCE_ID_HEADER, inferenceId);
    exchange.sendResponseHeaders(200, response.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(response);
    }
    return 200;
  }

  private static void requireMethod(HttpExchange exchange, String method) {
    if (!method.equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", method);
      throw new HttpError(
          405,
          "method " + exchange.getRequestMethod() + " not allowed on " + exchange.getRequestURI().getPath() + ": use " + method,
          null,
          "method",
          exchange.getRequestMethod());
    }
  }

  /** Reads the body, refusing (413) anything over the limit without buffering it. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    int expected = 8192;
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw new HttpError(400, "Content-Length is not a number", null, "Content-Length", declared);
      }
      if (length > MAX_BODY_BYTES) {
        throw tooLarge(String.valueOf(length));
      }
      expected = (int) length;
    }
    InputStream in = exchange.getRequestBody();
    byte[] buffer = new byte[Math.max(expected, 16)];
    int size = 0;
    while (true) {
      if (size == buffer.length) {
        if (size > MAX_BODY_BYTES) {
          throw tooLarge("more than " + MAX_BODY_BYTES);
        }
        buffer = Arrays.copyOf(buffer, Math.min(MAX_BODY_BYTES + 1, buffer.length * 2));
      }
      int n = in.read(buffer, size, buffer.length - size);
      if (n < 0) {
        break;
      }
      size += n;
    }
    if (size > MAX_BODY_BYTES) {
      throw tooLarge("more than " + MAX_BODY_BYTES);
    }
    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
  }

  /**
   * The client's inference id, checked as {@code InvokeEndpoint} checks {@code InferenceId} (1 to 64
   * printable characters, the first not a space), or a new random UUID when the header is absent.
   * Random from {@link ThreadLocalRandom}: an id to join on needs uniqueness, not secrecy, and
   * {@link UUID#randomUUID()}'s shared SecureRandom would be one lock for every request thread.
   */
  static String inferenceId(String header) {
    if (header == null) {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      // Version 4, IETF variant: the bits UUID.randomUUID() sets.
      return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48))
          .toString();
    }
    boolean printable = !header.isEmpty() && header.length() <= MAX_INFERENCE_ID_LENGTH && header.charAt(0) != ' ';
    for (int i = 0; printable && i < header.length(); i++) {
      char c = header.charAt(i);
      printable = c >= 0x20 && c < 0x7F;
    }
    if (!printable) {
      throw new HttpError(400, "the " + INFERENCE_ID_HEADER + " header must be 1 to " + MAX_INFERENCE_ID_LENGTH
          + " printable ASCII characters, not starting with a space", null, INFERENCE_ID_HEADER, header);
    }
    return header;
  }

  private static HttpError tooLarge(String size) {
    return new HttpError(
        413, "the body is larger than SageMaker's 6 MB limit (" + MAX_BODY_BYTES + " bytes)", null, "Content-Length", size);
  }

  private static void drain(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }

  /** Answers the error; returns its status. */
  private static int send(HttpExchange exchange, HttpError error) {
    byte[] body = ResponseEncoder.error(error.getMessage(), error.record, error.field, error.value);
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (error.status == 413) {
        // The rest of the body is not read: the connection cannot be reused.
        exchange.getResponseHeaders().set("Connection", "close");
      }
      exchange.sendResponseHeaders(error.status, body.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
        if (error.status == 413) {
          // Before the close: closing the response ends the exchange and hangs up on what is unread.
          os.flush();
          discardUnreadBody(exchange);
        }
      }
    } catch (IOException e) {
      // The client went away: nothing to answer.
    }
    return error.status;
  }

  /**
   * Reads and drops what the client still sends of a refused body, up to twice the limit. Closing
   * with unread bytes makes the kernel reset the connection, and a reset discards the 413 before a
   * client such as curl or java.net.http reads it; a body beyond twice the limit is cut off anyway.
   */
  private static void discardUnreadBody(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      if (declared != null && Long.parseLong(declared.trim()) > 2L * MAX_BODY_BYTES) {
        return;
      }
      InputStream in = exchange.getRequestBody();
      byte[] sink = new byte[64 * 1024];
      long left = 2L * MAX_BODY_BYTES;
      int n;
      while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
        left -= n;
      }
    } catch (IOException | NumberFormatException e) {
      // The client hung up, or sent a bad length: nothing left to protect.
    }
  }

  /** A client error, or the rare server fault, on its way to becoming a JSON error response. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final Integer record;
    final String field;
    final String value;

    HttpError(int status, String message) {
      this(status, message, null, null, null);
    }

    HttpError(int status, String message, Integer record, String field, String value) {
      super(message, null, false, false);
      this.status = status;
      this.record = record;
      this.field = field;
      this.value = value;
    }
  }
}
