package dev.rookery.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.ml.model.ModelBundle;
import dev.rookery.testutils.FakeRecordPredictor;
import dev.rookery.testutils.NonLoopbackAddress;
import dev.rookery.testutils.TrainedPenguinsModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class InferenceServerTest {

  static final String ADELIE_JSON =
      "{\"island\":\"Torgersen\",\"bill_length_mm\":39.1,\"bill_depth_mm\":18.7,\"flipper_length_mm\":181,"
          + "\"body_mass_g\":3750,\"sex\":\"male\"}";
  static final String GENTOO_JSON =
      "{\"island\":\"Biscoe\",\"bill_length_mm\":46.1,\"bill_depth_mm\":13.2,\"flipper_length_mm\":211,"
          + "\"body_mass_g\":4500,\"sex\":\"female\",\"year\":2007}";
  static final String ADELIE_CSV = "Torgersen,39.1,18.7,181,3750,male,2007";
  static final String GENTOO_CSV = "Biscoe,46.1,13.2,211,4500,female,2007";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static InferenceServer server;

  @BeforeAll
  static void startServer() {
    server = InferenceServer.start(new ServerConfig(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", null));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static URI uri(InferenceServer s, String path) {
    return URI.create("http://127.0.0.1:" + s.port() + path);
  }

  static HttpResponse<String> post(InferenceServer s, String contentType, String accept, String body) throws Exception {
    return post(s, contentType, accept, body.getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> post(InferenceServer s, String contentType, String accept, byte[] body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(s, "/invocations")).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String contentType, String accept, String body) throws Exception {
    return post(server, contentType, accept, body);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return MAPPER.readTree(response.body());
  }

  /** Asserts a 4xx JSON error body and returns it. */
  private static JsonNode error(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = json(response);
    assertThat(body.path("error").isTextual()).as(response.body()).isTrue();
    assertThat(body.has("record") && body.has("field") && body.has("value")).as(response.body()).isTrue();
    return body;
  }

  // ------------------------------------------------------------ /ping and routing

  @Test
  void ping_get_returns200() throws Exception {
    HttpResponse<String> r =
        CLIENT.send(HttpRequest.newBuilder(uri(server, "/ping")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void ping_post_returns405WithAllow() throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(uri(server, "/ping")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = error(r, 405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    assertThat(body.path("value").asText()).isEqualTo("POST");
  }

  @Test
  void invocations_get_returns405WithAllow() throws Exception {
    HttpResponse<String> r =
        CLIENT.send(HttpRequest.newBuilder(uri(server, "/invocations")).GET().build(), HttpResponse.BodyHandlers.ofString());
    error(r, 405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void unknownPath_returns404NamingIt() throws Exception {
    HttpResponse<String> r =
        CLIENT.send(HttpRequest.newBuilder(uri(server, "/predict")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(error(r, 404).path("error").asText()).contains("/predict");
  }

  // ------------------------------------------------------------ content types

  @Test
  void invocations_jsonObject_answersOneObjectWithProbabilities() throws Exception {
    // when
    HttpResponse<String> r = post("application/json", null, ADELIE_JSON);
    // then
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = json(r);
    assertThat(body.path("prediction").asText()).isEqualTo("Adelie");
    assertThat(body.path("confidence").asDouble()).isEqualTo(0.8);
    assertThat(body.path("probabilities").path("Gentoo").asDouble()).isEqualTo(0.1);
    assertThat(body.path("probabilities").size()).isEqualTo(3);
  }

  @Test
  void invocations_jsonArray_answersArrayInOrder() throws Exception {
    HttpResponse<String> r = post("application/json; charset=utf-8", null, "[" + ADELIE_JSON + "," + GENTOO_JSON + "]");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.isArray()).isTrue();
    assertThat(body.get(0).path("prediction").asText()).isEqualTo("Adelie");
    assertThat(body.get(1).path("prediction").asText()).isEqualTo("Gentoo");
  }

  @Test
  void invocations_jsonInstances_answersArray() throws Exception {
    HttpResponse<String> r =
        post("application/json", null, "{\"instances\":[" + GENTOO_JSON + ",[\"Dream\",39,18,181,3750,\"male\",2007]]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.size()).isEqualTo(2);
    assertThat(body.get(0).path("prediction").asText()).isEqualTo("Gentoo");
    assertThat(body.get(1).path("prediction").asText()).isEqualTo("Adelie");
  }

  @Test
  void invocations_jsonLines_answersJsonLines() throws Exception {
    HttpResponse<String> r = post("application/jsonlines", null, ADELIE_JSON + "\n" + GENTOO_JSON + "\n");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/jsonlines");
    String[] lines = r.body().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(MAPPER.readTree(lines[1]).path("prediction").asText()).isEqualTo("Gentoo");
  }

  @Test
  void invocations_csv_answersCsvLines() throws Exception {
    HttpResponse<String> r = post("text/csv", null, ADELIE_CSV + "\n" + GENTOO_CSV + "\n");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(r.body()).isEqualTo("Adelie,0.8\nGentoo,0.8\n");
  }

  @Test
  void invocations_csvWithHeader_skipsHeader() throws Exception {
    String header = String.join(",", FakeRecordPredictor.PENGUINS.featureNames());
    HttpResponse<String> r = post("text/csv", null, header + "\r\n" + GENTOO_CSV + "\r\n");
    assertThat(r.body()).isEqualTo("Gentoo,0.8\n");
  }

  @Test
  void invocations_missingAndUnseenValues_arePredicted() throws Exception {
    HttpResponse<String> r = post("application/json", null, "{\"island\":\"Atlantis\",\"sex\":null,\"extra\":1}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("prediction").asText()).isEqualTo("Adelie");
  }

  // ------------------------------------------------------------ Accept

  @Test
  void invocations_acceptJsonForCsv_answersJsonArray() throws Exception {
    HttpResponse<String> r = post("text/csv", "application/json", GENTOO_CSV);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(r).get(0).path("prediction").asText()).isEqualTo("Gentoo");
  }

  @Test
  void invocations_acceptJsonLinesForJsonArray_answersJsonLines() throws Exception {
    HttpResponse<String> r = post("application/json", "application/jsonlines", "[" + ADELIE_JSON + "," + GENTOO_JSON + "]");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/jsonlines");
    assertThat(r.body().split("\n")).hasSize(2);
  }

  /** Accept headers that ask for CSV: an explicit type, a wildcard on a CSV request, the highest weight. */
  @ParameterizedTest(name = "{0} with Accept {1}")
  @CsvSource(delimiter = '|', textBlock = """
      application/json | text/csv
      text/csv         | */*
      application/json | application/json;q=0.5, text/csv;q=0.9, image/png
      """)
  void invocations_acceptResolvingToCsv_answersCsv(String contentType, String accept) throws Exception {
    String gentoo = contentType.equals("text/csv") ? GENTOO_CSV : GENTOO_JSON;
    assertThat(post(contentType, accept, gentoo).body()).isEqualTo("Gentoo,0.8\n");
  }

  @Test
  void invocations_acceptWildcard_keepsJsonRequestEncoding() throws Exception {
    assertThat(post("application/json", "*/*", GENTOO_JSON).headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void invocations_unacceptableAccept_returns406() throws Exception {
    JsonNode body = error(post("application/json", "application/xml", GENTOO_JSON), 406);
    assertThat(body.path("field").asText()).isEqualTo("Accept");
    assertThat(body.path("value").asText()).isEqualTo("application/xml");
  }

  @Test
  void invocations_acceptOfSeparatorsOnly_returns406NotA500() throws Exception {
    // given: an Accept with no media range at all (the fuzz test found ";" answered 500)
    for (String accept : new String[] {";", ";;", ",;", " ; q=1"}) {
      // when
      JsonNode body = error(post("text/csv", accept, GENTOO_CSV), 406);
      // then
      assertThat(body.path("field").asText()).isEqualTo("Accept");
      assertThat(body.path("value").asText()).isEqualTo(accept.strip());
    }
  }

  // ------------------------------------------------------------ bad input

  @Test
  void invocations_unsupportedContentType_returns415() throws Exception {
    JsonNode body = error(post("application/xml", null, "<penguin/>"), 415);
    assertThat(body.path("value").asText()).isEqualTo("application/xml");
  }

  @Test
  void invocations_missingContentType_returns415() throws Exception {
    JsonNode body = error(post(null, null, GENTOO_CSV), 415);
    assertThat(body.path("error").asText()).contains("missing");
  }

  @Test
  void invocations_emptyBody_returns400() throws Exception {
    for (String type : List.of("text/csv", "application/json", "application/jsonlines")) {
      JsonNode body = error(post(type, null, ""), 400);
      assertThat(body.path("error").asText()).contains("empty");
      assertThat(body.path("record").isNull()).isTrue();
    }
  }

  @Test
  void invocations_malformedJson_returns400NamingRecordAndField() throws Exception {
    JsonNode body = error(post("application/json", null, "[" + ADELIE_JSON + ",{\"island\": Dream}]"), 400);
    assertThat(body.path("record").asInt()).isEqualTo(1);
    assertThat(body.path("field").asText()).isEqualTo("island");
    assertThat(body.path("error").asText()).contains("malformed JSON");
  }

  @Test
  void invocations_malformedCsv_returns400NamingRecord() throws Exception {
    JsonNode body = error(post("text/csv", null, ADELIE_CSV + "\nBiscoe,1,2\n"), 400);
    assertThat(body.path("record").asInt()).isEqualTo(1);
    assertThat(body.path("value").asText()).isEqualTo("Biscoe,1,2");
  }

  @Test
  void invocations_malformedJsonLines_returns400NamingRecord() throws Exception {
    JsonNode body = error(post("application/jsonlines", null, ADELIE_JSON + "\n{oops\n"), 400);
    assertThat(body.path("record").asInt()).isEqualTo(1);
    // one colon after the record (it once read "record 1:: malformed JSON Lines"), and the line is
    // the body's, not the line's own parser's (it once said line 1)
    assertThat(body.path("error").asText()).startsWith("record 1: malformed JSON Lines at line 2 column 2: ")
        .doesNotContain("::");
  }

  @Test
  void invocations_jsonWrongTypeBoolean_returns400() throws Exception {
    JsonNode body = error(post("application/json", null, "{\"island\":\"Dream\",\"sex\":true}"), 400);
    assertThat(body.path("record").asInt()).isZero();
    assertThat(body.path("field").asText()).isEqualTo("sex");
    assertThat(body.path("value").asText()).isEqualTo("true");
  }

  @Test
  void invocations_textInNumericField_returns400FromPredictor() throws Exception {
    // given: the decoder passes strings through; the model knows the column is numeric
    String body = "[" + ADELIE_JSON + ",{\"island\":\"Dream\",\"body_mass_g\":\"heavy\"}]";
    // when
    JsonNode error = error(post("application/json", null, body), 400);
    // then
    assertThat(error.path("record").asInt()).isEqualTo(1);
    assertThat(error.path("field").asText()).isEqualTo("body_mass_g");
    assertThat(error.path("value").asText()).isEqualTo("heavy");
  }

  @Test
  void invocations_csvTextInNumericField_returns400FromPredictor() throws Exception {
    JsonNode error = error(post("text/csv", null, "Dream,39,18,NaN,3750,male,2007"), 400);
    assertThat(error.path("field").asText()).isEqualTo("flipper_length_mm");
    assertThat(error.path("value").asText()).isEqualTo("NaN");
  }

  @Test
  void invocations_declaredBodyOver6MB_returns413WithoutReadingIt() throws Exception {
    // given: a raw request that declares 7 MB and sends none of it
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\nContent-Length: "
                  + (7 * 1024 * 1024)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // when
      String head = readHead(socket.getInputStream());
      // then
      assertThat(head).startsWith("HTTP/1.1 413");
      int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
      String body = new String(socket.getInputStream().readNBytes(length), StandardCharsets.UTF_8);
      assertThat(MAPPER.readTree(body).path("error").asText()).contains("6 MB");
    }
  }

  /** Reads a response's status line and headers, up to the blank line. */
  static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      sb.append((char) b);
    }
    return sb.toString();
  }

  @Test
  void invocations_chunkedBodyOver6MB_returns413() throws Exception {
    // given: no Content-Length, so the limit is found while reading
    byte[] row = (ADELIE_CSV + "\n").getBytes(StandardCharsets.UTF_8);
    int rows = InferenceServer.MAX_BODY_BYTES / row.length + 10;
    HttpRequest request =
        HttpRequest.newBuilder(uri(server, "/invocations"))
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> repeat(row, rows)))
            .build();
    // when
    HttpResponse<String> r;
    try {
      r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The server may hang up before the client finished sending; then no status is readable.
      throw new AssertionError("the 413 answer did not reach the client", e);
    }
    // then
    error(r, 413);
  }

  private static InputStream repeat(byte[] row, int times) {
    return new InputStream() {
      int i;
      int left = times;

      @Override
      public int read() {
        if (left == 0) {
          return -1;
        }
        int b = row[i++];
        if (i == row.length) {
          i = 0;
          left--;
        }
        return b;
      }
    };
  }

  @Test
  void invocations_bodyJustUnderLimit_isServed() throws Exception {
    // given: ~6 MB of CSV rows, below the limit
    byte[] row = (ADELIE_CSV + "\n").getBytes(StandardCharsets.UTF_8);
    int rows = InferenceServer.MAX_BODY_BYTES / row.length - 1;
    byte[] body = new byte[rows * row.length];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(row, 0, body, i * row.length, row.length);
    }
    // when
    HttpResponse<String> r = post(server, "text/csv", null, body);
    // then
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().split("\n")).hasSize(rows);
  }

  @Test
  void invocations_realTrainedModel_predictsThePenguins(@TempDir Path optMl) throws Exception {
    // given: a model trained by the container's own preprocess and train modes
    InferenceServer real =
        InferenceServer.start(
            new ServerConfig(ModelBundle.load(TrainedPenguinsModel.trainInto(optMl)), 0, "local-endpoint", "AllTraffic", null));
    try {
      // when
      HttpResponse<String> json = post(real, "application/json", null, "[" + ADELIE_JSON + "," + GENTOO_JSON + "]");
      HttpResponse<String> csv = post(real, "text/csv", null, "Dream,49.3,19.9,203,4050,male,2009\nDream,,,,,,\n");
      HttpResponse<String> bad = post(real, "text/csv", null, "Dream,49.3,19.9,tall,4050,male,2009");
      // then
      JsonNode body = json(json);
      assertThat(body.get(0).path("prediction").asText()).isEqualTo("Adelie");
      assertThat(body.get(1).path("prediction").asText()).isEqualTo("Gentoo");
      assertThat(body.get(1).path("probabilities").size()).isEqualTo(3);
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.body().split("\n")[0]).startsWith("Chinstrap,");
      JsonNode error = error(bad, 400);
      assertThat(error.path("field").asText()).isEqualTo("flipper_length_mm");
      assertThat(error.path("value").asText()).isEqualTo("tall");
    } finally {
      real.close();
    }
  }

  // ------------------------------------------------------------ bind address

  @Test
  void start_loopbackConfig_listensOnLoopbackOnlyAndRefusesANonLoopbackAddress() throws Exception {
    // given: another address of this machine (its LAN address, or 127.0.0.2); without one the
    // test skips saying so, and fails under CI=true
    InetAddress other = NonLoopbackAddress.require();

    // when
    try (InferenceServer local = InferenceServer.start(
        ServerConfig.loopback(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", null))) {
      // then: bound to 127.0.0.1, answering there, and refusing connections on the other address
      assertThat(local.address().getAddress().isLoopbackAddress()).as(local.address().toString()).isTrue();
      assertThat(post(local, "text/csv", null, ADELIE_CSV).statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(other, local.port()), 2_000);
        }
      }).as(other.toString()).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void start_defaultConfig_listensOnEveryInterfaceAsSageMakerNeeds() throws Exception {
    // given: the SageMaker serve mode's config (the control of the loopback test above)
    InetAddress other = NonLoopbackAddress.require();

    // when
    try (InferenceServer all = InferenceServer.start(
        new ServerConfig(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", null))) {
      // then
      assertThat(all.address().getAddress().isAnyLocalAddress()).as(all.address().toString()).isTrue();
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(other, all.port()), 2_000);
        assertThat(s.isConnected()).isTrue();
      }
    }
  }

  @Test
  void start_inAFreshJvm_setsNoSystemProperty() throws Exception {
    // given: a JVM that has not loaded the server class yet (its static state runs once per JVM)
    Process probe = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), ServerStartProbe.class.getName())
        .redirectErrorStream(true)
        .start();

    // when
    String out = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    // then: starting and stopping a server changed no JVM-wide setting (entry points decide them)
    assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out.lines().toList()).as(out).containsExactly("done");
  }

  // ------------------------------------------------------------ concurrency and shutdown

  @Test
  void invocations_concurrentClients_allAnsweredCorrectly() throws Exception {
    // given
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        boolean gentoo = i % 2 == 0;
        answers.add(clients.submit(() -> post("text/csv", null, gentoo ? GENTOO_CSV : ADELIE_CSV).body()));
      }
      // then
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get()).isEqualTo(i % 2 == 0 ? "Gentoo,0.8\n" : "Adelie,0.8\n");
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void close_requestInFlight_finishesItThenRefusesConnections() throws Exception {
    // given: a model that takes 600 ms per record, and a request being predicted
    InferenceServer slow =
        InferenceServer.start(new ServerConfig(new FakeRecordPredictor(600), 0, "local-endpoint", "AllTraffic", null));
    int port = slow.port();
    CompletableFuture<HttpResponse<String>> inFlight =
        CLIENT.sendAsync(
            HttpRequest.newBuilder(uri(slow, "/invocations"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(GENTOO_CSV))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Thread.sleep(200);
    // when
    long start = System.nanoTime();
    slow.close();
    long closeMillis = (System.nanoTime() - start) / 1_000_000;
    // then: the request was answered, close waited for it but not for the 30 s grace
    assertThat(inFlight.get().statusCode()).isEqualTo(200);
    assertThat(inFlight.get().body()).isEqualTo("Gentoo,0.8\n");
    assertThat(closeMillis).isBetween(200L, 10_000L);
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
  }

  @Test
  void close_idle_returnsPromptly() {
    // given
    InferenceServer idle =
        InferenceServer.start(new ServerConfig(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", null));
    // when
    long start = System.nanoTime();
    idle.close();
    idle.close();
    // then: well under the 30 s that HttpServer.stop(30) alone would take on JDK 17
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000L);
  }

  // ------------------------------------------------------------ capture

  /** A server on the fake model that captures {@code percent} % of its traffic under {@code dir}. */
  private static InferenceServer capturingServer(String endpoint, int percent, Path dir) {
    return InferenceServer.start(new ServerConfig(new FakeRecordPredictor(), 0, endpoint, "AllTraffic",
        new CaptureConfig(percent, dir)));
  }

  @Test
  void capture_at100Percent_writesExactlyOneRecordPerSuccessfulRequest(@TempDir Path dir) throws Exception {
    // given
    InferenceServer capturing =
        capturingServer("my-endpoint", 100, dir);
    // when: 300 good requests of three encodings and some bad ones (never captured)
    for (int i = 0; i < 100; i++) {
      assertThat(post(capturing, "text/csv", null, GENTOO_CSV).statusCode()).isEqualTo(200);
      assertThat(post(capturing, "application/json", null, ADELIE_JSON).statusCode()).isEqualTo(200);
      assertThat(post(capturing, "application/jsonlines", null, ADELIE_JSON + "\n").statusCode()).isEqualTo(200);
      assertThat(post(capturing, "application/json", null, "{bad").statusCode()).isEqualTo(400);
    }
    capturing.close();
    // then
    List<JsonNode> records = readCapture(dir.resolve("my-endpoint").resolve("AllTraffic"));
    assertThat(records).hasSize(300);
    assertThat(capturing.capturedRecords()).isEqualTo(300);
    assertThat(capturing.droppedCaptureRecords()).isZero();
    assertThat(records)
        .extracting(r -> r.at("/captureData/endpointInput/encoding").asText())
        .containsOnly("CSV", "JSON");
    assertThat(records)
        .allSatisfy(
            r ->
                assertThat(r.at("/captureData/endpointInput/encoding").asText())
                    .isEqualTo(r.at("/captureData/endpointOutput/encoding").asText()));
  }

  @Test
  void capture_at30Percent_capturesAboutThirtyPercent(@TempDir Path dir) throws Exception {
    // given
    InferenceServer capturing =
        capturingServer("local-endpoint", 30, dir);
    int n = 2_000;
    // when
    for (int i = 0; i < n; i++) {
      post(capturing, "text/csv", null, GENTOO_CSV);
    }
    capturing.close();
    // then: captured ~ Binomial(2000, 0.3): mean 600, sd sqrt(2000*0.3*0.7) = 20.5. Five sd
    // either side (498..702) fails a correct sampler with probability below 1e-6, while a sampler
    // off by a few points (25 % or 35 %: mean 500 or 700) sits at the edge and 20 % or 40 % fails.
    long captured = readCapture(dir.resolve("local-endpoint").resolve("AllTraffic")).size();
    assertThat(captured).isBetween(498L, 702L);
  }

  @Test
  void capture_atZeroPercent_writesNothing(@TempDir Path dir) throws Exception {
    InferenceServer capturing =
        capturingServer("local-endpoint", 0, dir);
    // when: 50 requests that succeed (the fake model answers Gentoo)
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> r = post(capturing, "text/csv", null, GENTOO_CSV);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("Gentoo,0.8\n");
    }
    capturing.close();
    // then: nothing captured, because of the 0 %, not because the requests failed
    assertThat(readCapture(dir)).isEmpty();
    assertThat(capturing.capturedRecords()).isZero();
    assertThat(capturing.droppedCaptureRecords()).isZero();
  }

  @Test
  void capture_record_matchesGoldenSageMakerRecord(@TempDir Path dir) throws Exception {
    // given
    InferenceServer capturing =
        capturingServer("local-endpoint", 100, dir);
    // when
    post(capturing, "text/csv", null, GENTOO_CSV);
    capturing.close();
    // then: the file sits under yyyy/mm/dd/hh and its one line equals the golden one, with the
    // event id and time (checked for shape) normalised
    Path variant = dir.resolve("local-endpoint").resolve("AllTraffic");
    List<Path> files = captureFiles(variant);
    assertThat(files).hasSize(1);
    assertThat(variant.relativize(files.get(0)).toString().replace('\\', '/'))
        .matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}/\\d{2}-\\d{2}-\\d{3}-[0-9a-f-]{36}\\.jsonl");
    String line = Files.readString(files.get(0)).trim();
    assertThat(line).doesNotContain("\n");
    String normalised = DataCaptureTest.normalise(line);
    assertThat(normalised).isEqualTo(DataCaptureTest.golden("capture-csv.jsonl"));
  }

  @Test
  void inferenceId_sentByClient_isEchoedAndCaptured(@TempDir Path dir) throws Exception {
    // given
    InferenceServer capturing =
        InferenceServer.start(
            new ServerConfig(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", new CaptureConfig(100, dir)));
    HttpRequest request = HttpRequest.newBuilder(uri(capturing, "/invocations"))
        .header("Content-Type", "text/csv").header(InferenceServer.INFERENCE_ID_HEADER, "order-17/line 3")
        .POST(HttpRequest.BodyPublishers.ofString(GENTOO_CSV)).build();
    // when
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    capturing.close();
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue(InferenceServer.INFERENCE_ID_HEADER)).hasValue("order-17/line 3");
    assertThat(readCapture(dir)).singleElement()
        .satisfies(r -> assertThat(r.at("/eventMetadata/inferenceId").asText()).isEqualTo("order-17/line 3"));
  }

  @Test
  void inferenceId_absent_serverAssignsOneReturnsItAndCapturesIt(@TempDir Path dir) throws Exception {
    // given
    InferenceServer capturing =
        InferenceServer.start(
            new ServerConfig(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", new CaptureConfig(100, dir)));
    // when
    List<String> returned = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      returned.add(post(capturing, "text/csv", null, GENTOO_CSV).headers().firstValue(InferenceServer.INFERENCE_ID_HEADER)
          .orElseThrow());
    }
    capturing.close();
    // then: version-4 UUIDs, all different, each captured with its own request
    assertThat(returned).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), "a UUID v4");
    assertThat(readCapture(dir)).extracting(r -> r.at("/eventMetadata/inferenceId").asText())
        .containsExactlyInAnyOrderElementsOf(returned);
  }

  @Test
  void inferenceId_tooLong_is400NamingTheHeader() throws Exception {
    // (HTTP clients trim and refuse control characters; the other rules are checked directly)
    assertThat(InferenceServer.inferenceId("x".repeat(64))).hasSize(64);
    for (String bad : List.of("", " leading-space", "tab\there", "caf\u00e9")) {
      assertThatThrownBy(() -> InferenceServer.inferenceId(bad)).hasMessageContaining(InferenceServer.INFERENCE_ID_HEADER);
    }
    for (String bad : List.of("x".repeat(65))) {
      HttpRequest request = HttpRequest.newBuilder(uri(server, "/invocations"))
          .header("Content-Type", "text/csv").header(InferenceServer.INFERENCE_ID_HEADER, bad)
          .POST(HttpRequest.BodyPublishers.ofString(GENTOO_CSV)).build();
      JsonNode body = error(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()), 400);
      assertThat(body.path("field").asText()).isEqualTo(InferenceServer.INFERENCE_ID_HEADER);
    }
  }

  static List<Path> captureFiles(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  static List<JsonNode> readCapture(Path root) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (Path f : captureFiles(root)) {
      for (String line : Files.readAllLines(f)) {
        if (!line.isBlank()) {
          out.add(MAPPER.readTree(line));
        }
      }
    }
    return out;
  }
}
