package dev.rookery.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.testutils.FakeRecordPredictor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: whatever body, content type and Accept a client sends to {@code /invocations}, the
 * server never answers 5xx, every 4xx carries a JSON error body, and every 200 has a non-empty
 * body. Bodies are random bytes, random text, and valid bodies of each encoding mutated.
 */
class InferenceServerFuzzTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static InferenceServer server;

  private static final List<String> VALID_BODIES =
      List.of(
          InferenceServerTest.ADELIE_JSON,
          "[" + InferenceServerTest.ADELIE_JSON + "," + InferenceServerTest.GENTOO_JSON + "]",
          "{\"instances\":[[\"Dream\",39,18,181,3750,\"male\",2007]]}",
          InferenceServerTest.ADELIE_CSV + "\n" + InferenceServerTest.GENTOO_CSV + "\n",
          "island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n" + InferenceServerTest.ADELIE_CSV,
          InferenceServerTest.ADELIE_JSON + "\n" + InferenceServerTest.GENTOO_JSON + "\n");

  @BeforeContainer
  static void start() {
    server = InferenceServer.start(new ServerConfig(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", null));
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "text/csv", "application/json", "application/jsonlines", "application/json; charset=utf-8",
            "TEXT/CSV", "application/xml", "", "text/plain", "multipart/form-data; boundary=x", ";;;"),
        Arbitraries.strings().ofMaxLength(30).map(s -> s.replaceAll("[\\r\\n\\x00-\\x1f\\x7f-\\uffff]", "")));
  }

  @Provide
  Arbitrary<String> accepts() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "", "*/*", "application/json", "text/csv", "application/jsonlines", "image/png", "text/*;q=0",
            "application/json;q=abc", "text/csv;q=0.1, application/json;q=0.9", ",,,"),
        Arbitraries.strings().ofMaxLength(30).map(s -> s.replaceAll("[\\r\\n\\x00-\\x1f\\x7f-\\uffff]", "")));
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> randomText =
        Arbitraries.strings()
            .withChars("{}[]\",:\n\r\\ 0123456789.-eEtruefalsn")
            .withChars("islandsexyearbody_mass_g")
            .ofMaxLength(200)
            .map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> mutated =
        Combinators.combine(
                Arbitraries.of(VALID_BODIES),
                Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of('"', '{', '}', '[', ']', ',', ':', '\n', 'x', '1', '\\', '\u00e9', '\u0000'))
            .as(InferenceServerFuzzTest::mutate);
    return Arbitraries.oneOf(randomBytes, randomText, mutated, Arbitraries.of(VALID_BODIES).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  /** Deletes, replaces or inserts characters of a valid body at the given positions. */
  static byte[] mutate(String valid, List<Integer> positions, char c) {
    StringBuilder sb = new StringBuilder(valid);
    for (int p : positions) {
      if (sb.length() == 0) {
        break;
      }
      int at = p % sb.length();
      switch (p % 3) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.setCharAt(at, c);
        default -> sb.insert(at, c);
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 600)
  void invocations_anyInput_neverServerErrorAndErrorsAreJson(
      @ForAll("contentTypes") String contentType, @ForAll("accepts") String accept, @ForAll("bodies") byte[] body)
      throws Exception {
    // given
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/invocations"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!contentType.isBlank()) {
      b.header("Content-Type", contentType);
    }
    if (!accept.isBlank()) {
      b.header("Accept", accept);
    }
    // when
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    // then
    String seen = Tuple.of(contentType, accept, new String(body, StandardCharsets.UTF_8)) + " -> " + r.statusCode() + " " + r.body();
    assertThat(r.statusCode()).as(seen).isLessThan(500);
    if (r.statusCode() >= 400) {
      JsonNode error = MAPPER.readTree(r.body());
      assertThat(error.path("error").isTextual()).as(seen).isTrue();
      assertThat(error.path("error").asText()).as(seen).isNotBlank();
    } else {
      assertThat(r.statusCode()).as(seen).isEqualTo(200);
      assertThat(r.body()).as(seen).isNotBlank();
    }
  }
}
