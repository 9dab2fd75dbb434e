package dev.rookery.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.container.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against a real {@code serve} process (the golden model, 100 % capture), one test
 * per row of the README's "Hostile input" table: each gets a 4xx with a JSON message or a 200,
 * never a 5xx, never a hang, and nothing is written outside the capture folder. The process runs
 * with {@code -Dsun.net.httpserver.maxReqTime=2} so that the slow-client cut-off (60 s in
 * production, set by the entry point) shows in seconds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String HEADER = "island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n";

  @TempDir static Path root;
  private static Process server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Path model = Files.createDirectories(root.resolve("ml/model"));
    try (InputStream in = Files.newInputStream(Path.of("src/test/resources/golden/model-v1.tar.gz"))) {
      for (Map.Entry<String, byte[]> f : dev.rookery.ml.model.TarGz.unpack(in).entrySet()) {
        Files.write(model.resolve(f.getKey()), f.getValue());
      }
    }
    ProcessBuilder pb = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dsun.net.httpserver.maxReqTime=2",
            "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
            "--capture-dir", root.resolve("capture").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("ROOKERY_OPT_ML", root.resolve("ml").toString());
    pb.environment().put("SAGEMAKER_BIND_TO_PORT", "0");
    server = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    Matcher m = Pattern.compile("listening on port (\\d+)").matcher("");
    String line;
    while ((line = out.readLine()) != null) {
      if (m.reset(line).find()) {
        port = Integer.parseInt(m.group(1));
        return;
      }
    }
    throw new AssertionError("serve ended without listening: exit " + server.waitFor());
  }

  @AfterAll
  static void stop() throws Exception {
    server.destroy();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // nothing written outside the capture folder (the model folder is what we unpacked)
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString).toList())
          .allMatch(p -> p.startsWith("ml/model/") || p.startsWith("capture/local-endpoint/AllTraffic/"));
    }
  }

  static HttpResponse<String> post(String contentType, byte[] body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invocations"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A 4xx whose JSON body has a non-blank {@code error}; returns it. */
  static JsonNode clientError(HttpResponse<String> r, int status) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = MAPPER.readTree(r.body());
    assertThat(error.path("error").asText()).as(r.body()).isNotBlank();
    return error;
  }

  static int ping() throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void oversizedBody_413() throws Exception {
    byte[] body = (HEADER + "Biscoe,46.1,13.2,211,4500,female,2007\n".repeat(170_000)).getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThan(InferenceServer.MAX_BODY_BYTES);
    // (5 times: the 413 used to be lost to a connection reset now and then, not every time)
    for (int i = 0; i < 5; i++) {
      assertThat(clientError(post("text/csv", body), 413).path("error").asText()).contains("6 MB");
    }
  }

  interface Call {
    int status() throws Exception;
  }

  /** The status of {@code call}, retried while the server closes the connection unanswered, for 5 s from {@code start}. */
  static int untilAnswered(long start, Call call) throws Exception {
    while (true) {
      try {
        return call.status();
      } catch (IOException closedUnanswered) {
        if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) > 5_000) {
          throw closedUnanswered;
        }
      }
    }
  }

  @Test
  void slowClients_cutOffAfterTheRequestTimeWhileOthersAreServed() throws Exception {
    // given: more stalled clients than the server has threads (4 on 2 cores): half the headers of
    // one, the headers and 3 bytes of a 100-byte body of the others
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(15_000);
        OutputStream out = s.getOutputStream();
        out.write((i == 0 ? "POST /invocations HTTP/1.1\r\nHost: x\r\nConte"
            : "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 100\r\n\r\nBis")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(s);
      }
      // when / then: others are answered within seconds: after the 2 s cut-off at worst, as the
      // stalled clients hold every pool thread until then (without the limit, /ping times out).
      // A request queued behind them may be cut with them: the JDK server's request clock starts
      // when a request is dispatched, so time in the queue counts, and its 1 s sweep closes all
      // that are due at once. So each attempt is a new connection, and a connection closed
      // unanswered is retried until the deadline; a 5xx fails, and so does a hang past it.
      long start = System.nanoTime();
      assertThat(untilAnswered(start, HostileInputTest::ping)).isEqualTo(200);
      assertThat(untilAnswered(start, () -> post("text/csv",
              "Biscoe,46.1,13.2,211,4500,female,2007\n".getBytes(StandardCharsets.UTF_8)).statusCode()))
          .isEqualTo(200);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
      // and every stalled connection is closed by the server after the request time (2 s here)
      for (Socket s : slow) {
        long t0 = System.nanoTime();
        String rest;
        try {
          rest = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII); // EOF: the server hung up
        } catch (java.net.SocketException e) {
          rest = "reset: " + e.getMessage(); // hung up with our bytes unread: also a cut-off
        } // (a java.net.SocketTimeoutException after 15 s, a hang, fails the test)
        assertThat(rest).doesNotStartWith("HTTP/1.1 5");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(12_000);
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void deeplyNestedJson_400() throws Exception {
    byte[] deep = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
    assertThat(clientError(post("application/json", deep), 400).path("error").asText()).containsIgnoringCase("nesting");
  }

  @Test
  void invalidUtf8_400NamingIt() throws Exception {
    byte[] json = "{\"island\":\"Bisc\u00ffoe\"}".getBytes(StandardCharsets.ISO_8859_1); // 0xFF is never UTF-8
    assertThat(clientError(post("application/json", json), 400).path("error").asText()).containsIgnoringCase("UTF-8");
    byte[] csv = "Bisc\u00ffoe,46.1,13.2,211,4500,female,2007\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(clientError(post("text/csv", csv), 400).path("error").asText())
        .isEqualTo("the body is not valid UTF-8: invalid byte sequence at byte 4");
  }

  @Test
  void csvInjectionInAValue_200AsAnUnseenCategoryAndNotEchoed() throws Exception {
    String formula = "=cmd|' /C calc'!A0";
    HttpResponse<String> r = post("text/csv",
        ("\"" + formula + "\",46.1,13.2,211,4500,\"@SUM(1+1)\",2007\n").getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).matches("(Adelie|Chinstrap|Gentoo),[0-9.]+\\n").doesNotContain("=", "@");
  }

  @Test
  void unicodeValues_200() throws Exception {
    HttpResponse<String> r = post("application/json",
        "{\"island\":\"\u4f01\u9e45\u5c9b \ud83d\udc27\",\"bill_length_mm\":46.1,\"sex\":\"f\u00e9male\\u0000\"}"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(MAPPER.readTree(r.body()).path("prediction").asText()).isIn("Adelie", "Chinstrap", "Gentoo");
  }
}
