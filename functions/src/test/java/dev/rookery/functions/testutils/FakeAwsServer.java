package dev.rookery.functions.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A local HTTP endpoint on 127.0.0.1 that real SDK clients talk to. It records every request (method,
 * path, headers, body) and answers with scripted AWS-shaped responses per operation. The operation is
 * the {@code X-Amz-Target} suffix (awsJson 1.0/1.1: SageMaker, Step Functions), the {@code Action}
 * form field (query protocol: SNS, CloudWatch), or {@code METHOD /path} (S3 REST).
 *
 * <p>As a field with {@code @RegisterExtension}, it stops after each test by itself.
 */
public final class FakeAwsServer implements AutoCloseable, AfterEachCallback {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Response>> responses = new HashMap<>();

  /** Starts on an ephemeral port of 127.0.0.1. */
  public FakeAwsServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** @return {@code http://127.0.0.1:port} */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Scripts the answer to an operation. Several answers for one operation are given in order; the
   * last one repeats.
   */
  public synchronized FakeAwsServer on(String operation, Response... answers) {
    Deque<Response> queue = responses.computeIfAbsent(operation, k -> new ArrayDeque<>());
    queue.addAll(List.of(answers));
    return this;
  }

  /** @return every request received, in order */
  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** @return the operations called, in order */
  public List<String> operations() {
    return requests.stream().map(Recorded::operation).toList();
  }

  /** @return the only request for an operation; fails if there is not exactly one */
  public Recorded only(String operation) {
    List<Recorded> matching = requests.stream().filter(r -> r.operation().equals(operation)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + operation + " request, got " + matching.size()
          + " among " + operations());
    }
    return matching.get(0);
  }

  /**
   * Configures a real SDK client builder to talk to this server with dummy credentials. Every call
   * its clients make is also recorded in {@link AwsCallRecorder}, by the function that made it.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
    return builder.endpointOverride(endpoint())
        .overrideConfiguration(c -> c.addExecutionInterceptor(AwsCallRecorder.INTERCEPTOR))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String operation = operation(exchange.getRequestMethod(), path, headers, body);
    Recorded recorded = new Recorded(operation, exchange.getRequestMethod(), path, query, headers, body);
    requests.add(recorded);
    Response response;
    synchronized (this) {
      Deque<Response> queue = responses.get(operation);
      response = queue == null || queue.isEmpty() ? null
          : queue.size() > 1 ? queue.poll() : queue.peek();
    }
    if (response == null) {
      response = Response.json(400, "{\"__type\":\"UnscriptedOperation\",\"message\":\"fake server has no"
          + " answer for " + operation + "\"}");
    }
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("x-amzn-RequestId", "fake-" + requests.size());
    exchange.getResponseHeaders().add("x-amz-request-id", "fake-" + requests.size());
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(response.status(), head || response.body().length == 0 ? -1
        : response.body().length);
    if (!head && response.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
    exchange.close();
  }

  private static String operation(String method, String path, Map<String, String> headers, byte[] body) {
    String target = headers.get("x-amz-target");
    if (target != null) {
      return target.substring(target.indexOf('.') + 1);
    }
    String contentType = headers.getOrDefault("content-type", "");
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      String action = form(new String(body, StandardCharsets.UTF_8)).get("Action");
      if (action != null) {
        return action;
      }
    }
    return method + " " + path;
  }

  static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      fields.put(key, value);
    }
    return fields;
  }

  /**
   * One recorded request.
   *
   * @param operation the operation, see the class comment
   * @param method HTTP method
   * @param path raw path
   * @param query raw query, or null
   * @param headers lower-cased header names
   * @param body raw body
   */
  public record Recorded(String operation, String method, String path, String query,
      Map<String, String> headers, byte[] body) {
    /** @return the body as UTF-8 text */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the body parsed as JSON (awsJson protocols) */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("request body is not JSON: " + text(), e);
      }
    }

    /** @return the body parsed as form fields (query protocol) */
    public Map<String, String> form() {
      return FakeAwsServer.form(text());
    }

    /** @return a header, by lower-case name */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * A scripted answer.
   *
   * @param status HTTP status
   * @param headers response headers
   * @param body response body
   */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    /** awsJson 1.1 (SageMaker). */
    public static Response json(int status, String body) {
      return new Response(status, Map.of("Content-Type", "application/x-amz-json-1.1"),
          body.getBytes(StandardCharsets.UTF_8));
    }

    /** awsJson 1.0 (Step Functions). */
    public static Response json10(int status, String body) {
      return new Response(status, Map.of("Content-Type", "application/x-amz-json-1.0"),
          body.getBytes(StandardCharsets.UTF_8));
    }

    /** An awsJson error, e.g. {@code ValidationException}. */
    public static Response jsonError(String type, String message) {
      return json(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** XML (query protocol, S3). */
    public static Response xml(int status, String body) {
      return new Response(status, Map.of("Content-Type", "text/xml"),
          body.getBytes(StandardCharsets.UTF_8));
    }

    /** SNS {@code Publish} accepted, as SNS answers it (query protocol XML). */
    public static Response snsPublished() {
      return xml(200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
          + "<PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>"
          + "<ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId>"
          + "</ResponseMetadata></PublishResponse>");
    }

    /** Raw bytes with headers (S3 GetObject). */
    public static Response bytes(int status, Map<String, String> headers, byte[] body) {
      return new Response(status, new HashMap<>(headers), body);
    }
  }

}
