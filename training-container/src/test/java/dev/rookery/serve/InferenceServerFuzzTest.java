package dev.rookery.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.ml.model.ModelBundle;
import dev.rookery.ml.preprocess.Transformer;
import dev.rookery.testutils.FakeRecordPredictor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: whatever body, content type and Accept a client sends to {@code /invocations}, the
 * server never answers 5xx, every 4xx carries a JSON error body, and every 200 has a non-empty
 * body. Bodies are random bytes, random text, and valid bodies of each encoding mutated; they go to
 * a server on the fake predictor (the HTTP layer alone) and to one on the real golden model
 * ({@code golden/model-v1.tar.gz}: transformer and Tribuo model). The golden model also gets
 * well-formed records full of extreme values (±1e308, the smallest subnormal, NaN, Infinity as
 * numbers and as strings, 10,000-character strings, up to 2,000 records a request), and every 200
 * must then hold one prediction per record, a known class, and finite probabilities.
 */
class InferenceServerFuzzTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static InferenceServer server;
  private static InferenceServer golden;
  private static List<String> goldenClasses;
  private static Transformer goldenTransformer;

  /** The golden model's features in schema order, with what a sane record holds. */
  private static final List<String> FEATURES =
      List.of("island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year");

  private static final List<String> VALID_BODIES =
      List.of(
          InferenceServerTest.ADELIE_JSON,
          "[" + InferenceServerTest.ADELIE_JSON + "," + InferenceServerTest.GENTOO_JSON + "]",
          "{\"instances\":[[\"Dream\",39,18,181,3750,\"male\",2007]]}",
          InferenceServerTest.ADELIE_CSV + "\n" + InferenceServerTest.GENTOO_CSV + "\n",
          "island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n" + InferenceServerTest.ADELIE_CSV,
          InferenceServerTest.ADELIE_JSON + "\n" + InferenceServerTest.GENTOO_JSON + "\n");

  @BeforeContainer
  static void start() throws IOException {
    server = InferenceServer.start(new ServerConfig(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", null));
    ModelBundle bundle = ModelBundle.loadTarGz(Path.of("src/test/resources/golden/model-v1.tar.gz"));
    assertThat(bundle.schema().featureNames()).isEqualTo(FEATURES);
    goldenClasses = bundle.classes();
    goldenTransformer = bundle.transformer();
    golden = InferenceServer.start(ServerConfig.loopback(bundle, 0, "golden-endpoint", "AllTraffic", null));
  }

  @AfterContainer
  static void stop() {
    server.close();
    golden.close();
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

  /**
   * A numeric field's value (JSON text): mostly values the transformer accepts, up to the edge of
   * its bound ({@link Transformer#MAX_STANDARD_SCORE} standard deviations from the training mean,
   * read from the golden transformer), which push the model's scores far out; then missing
   * values, finite values beyond the bound (1e308 and friends), and values of the wrong type.
   */
  private static Arbitrary<String> numericValues(int feature) {
    Transformer.NumericStep step = (Transformer.NumericStep) goldenTransformer.steps().get(feature);
    double edge = 0.999 * Transformer.MAX_STANDARD_SCORE * step.std();
    double low = Math.ceil(step.mean() - edge);
    double high = Math.floor(step.mean() + edge);
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.doubles().between(low, high).ofScale(3).map(String::valueOf)),
        Tuple.of(3, Arbitraries.of(low, high, -0.0, 4.9E-324).map(String::valueOf)),
        Tuple.of(3, Arbitraries.of("null", "\"\"", "\"NA\"", "\" NA \"", "42", "2007", "\"3750.5\"")),
        Tuple.of(1, Arbitraries.of("1e308", "-1e308", "1.7976931348623157E308", "\"1e308\"", "\"-1e308\"",
            "1" + "0".repeat(400))),
        Tuple.of(1, Arbitraries.doubles().map(String::valueOf)),
        Tuple.of(1, Arbitraries.of("NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
            "true", "[]", "{}", "\"Biscoe\"")));
  }

  /** A categorical field's value (JSON text): known, unseen, 10,000 characters, missing, odd. */
  private static Arbitrary<String> categoricalValues() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of("\"Biscoe\"", "\"Dream\"", "\"Torgersen\"", "\"male\"", "\"female\"")),
        Tuple.of(2, Arbitraries.of("\"" + "x".repeat(10_000) + "\"", "\"" + "\u00e9".repeat(10_000) + "\"")),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(40).map(v -> MAPPER.valueToTree(v).toString())),
        Tuple.of(3, Arbitraries.of("null", "\"\"", "\"NA\"", "1e308", "-1e308", "0", "\"\u00e9\\u0000\"")),
        Tuple.of(1, Arbitraries.of("NaN", "true", "[]", "{}")));
  }

  /** One record's values in schema order (JSON text). */
  private static Arbitrary<List<String>> extremeRecords(boolean longText) {
    Arbitrary<String> categorical = longText
        ? categoricalValues() : categoricalValues().filter(v -> v.length() < 100);
    return Combinators.combine(
            categorical, numericValues(1), numericValues(2), numericValues(3), numericValues(4), categorical,
            numericValues(6))
        .as(List::of);
  }

  /**
   * A request body in one of the four encodings: 1 to 5 records whose categorical values may be
   * 10,000-character strings, or 500 to 2,000 records (repeating up to three generated ones).
   */
  @Provide
  Arbitrary<Tuple.Tuple2<String, String>> extremeRequests() {
    Arbitrary<String> encoding = Arbitraries.of("object", "array", "instances", "jsonlines", "csv");
    Arbitrary<Tuple.Tuple2<String, String>> few = Combinators.combine(
            extremeRecords(true).list().ofMinSize(1).ofMaxSize(5), encoding)
        .as((records, enc) -> encode(records, records.size(), enc));
    Arbitrary<Tuple.Tuple2<String, String>> many = Combinators.combine(
            extremeRecords(false).list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(500, 2_000), encoding)
        .as(InferenceServerFuzzTest::encode);
    return Arbitraries.oneOf(few, many);
  }

  /**
   * A numeric value the transformer must accept: inside its bound ({@link
   * Transformer#MAX_STANDARD_SCORE} standard deviations from the training mean), or missing ("NA" or
   * empty: a JSON null would be the text "null" in CSV).
   */
  private static Arbitrary<String> validNumbers(int feature) {
    Transformer.NumericStep step = (Transformer.NumericStep) goldenTransformer.steps().get(feature);
    double edge = 0.99 * Transformer.MAX_STANDARD_SCORE * step.std();
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.doubles().between(Math.ceil(step.mean() - edge), Math.floor(step.mean() + edge))
            .ofScale(2).map(String::valueOf)),
        Tuple.of(1, Arbitraries.of("\"NA\"", "\"\"")));
  }

  /** A categorical value the model must accept: a known one, an unseen one, or missing. */
  private static Arbitrary<String> validCategories() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of("\"Biscoe\"", "\"Dream\"", "\"Torgersen\"", "\"male\"", "\"female\"")),
        Tuple.of(2, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(v -> "\"" + v + "\"")),
        Tuple.of(1, Arbitraries.of("\"NA\"", "\"\"")));
  }

  /** 1 to 50 valid records in one of the four encodings. */
  @Provide
  Arbitrary<Tuple.Tuple2<String, String>> validRequests() {
    Arbitrary<List<String>> record = Combinators.combine(
            validCategories(), validNumbers(1), validNumbers(2), validNumbers(3), validNumbers(4), validCategories(),
            validNumbers(6))
        .as(List::of);
    return Combinators.combine(
            record.list().ofMinSize(1).ofMaxSize(50), Arbitraries.of("object", "array", "instances", "jsonlines", "csv"))
        .as((records, enc) -> encode(records, enc.equals("object") ? 1 : records.size(), enc));
  }

  /** Repeats the records to {@code n} and encodes them; the CSV quotes every value. */
  static Tuple.Tuple2<String, String> encode(List<List<String>> records, int n, String encoding) {
    List<List<String>> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(records.get(i % records.size()));
    }
    List<String> objects = all.stream().map(r -> {
      StringBuilder o = new StringBuilder("{");
      for (int i = 0; i < FEATURES.size(); i++) {
        o.append(i == 0 ? "" : ",").append('"').append(FEATURES.get(i)).append("\":").append(r.get(i));
      }
      return o.append('}').toString();
    }).toList();
    return switch (encoding) {
      case "object" -> Tuple.of("application/json", objects.get(0));
      case "array" -> Tuple.of("application/json", "[" + String.join(",", objects) + "]");
      case "instances" -> Tuple.of("application/json", "{\"instances\":[" + String.join(",", objects) + "]}");
      case "jsonlines" -> Tuple.of("application/jsonlines", String.join("\n", objects) + "\n");
      default -> Tuple.of("text/csv", all.stream()
          .map(r -> r.stream().map(v -> "\"" + unquote(v).replace("\"", "\"\"") + "\"").collect(Collectors.joining(",")))
          .collect(Collectors.joining("\n")) + "\n");
    };
  }

  private static String unquote(String jsonValue) {
    return jsonValue.startsWith("\"") ? MAPPER.convertValue(readJson(jsonValue), String.class) : jsonValue;
  }

  private static JsonNode readJson(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  @Property(tries = 600)
  void invocations_anyInput_neverServerErrorAndErrorsAreJson(
      @ForAll("contentTypes") String contentType, @ForAll("accepts") String accept, @ForAll("bodies") byte[] body)
      throws Exception {
    send(server, contentType, accept, body);
  }

  @Property(tries = 300)
  void invocations_anyInputToTheGoldenModel_neverServerErrorAndErrorsAreJson(
      @ForAll("contentTypes") String contentType, @ForAll("accepts") String accept, @ForAll("bodies") byte[] body)
      throws Exception {
    send(golden, contentType, accept, body);
  }

  // No shrinking: a failing sample of 2,000 records shrinks for minutes; the report quotes it.
  @Property(tries = 200, shrinking = ShrinkingMode.OFF)
  void invocations_extremeValuesToTheGoldenModel_onePredictionPerRecordOrA4xx(
      @ForAll("extremeRequests") Tuple.Tuple2<String, String> request, @ForAll boolean csvOut) throws Exception {
    // when
    String accept = csvOut ? "text/csv" : "application/json";
    HttpResponse<String> r = send(golden, request.get1(), accept, request.get2().getBytes(StandardCharsets.UTF_8));
    Statistics.collect(r.statusCode());
    // Most extreme samples are still valid records: a server refusing everything fails here.
    Statistics.coverage(c -> c.check(200).percentage(p -> p >= 30.0));

    // then: a 200 answers every record with a known class and finite probabilities in [0, 1]; a
    // 4xx is checked by send (JSON error with a message). Most samples are valid: if the server
    // refused them all, the coverage check below fails the property.
    if (r.statusCode() != 200) {
      return;
    }
    assertPredictions(request, csvOut, r);
  }

  /**
   * What success means: every valid record, in any encoding, gets a 200 with one prediction of a
   * known class. A server answering 400 to everything fails here (the extreme-values property
   * above only constrains the 200s it sees).
   */
  @Property(tries = 200)
  void invocations_validRecordsToTheGoldenModel_all200WithOnePredictionPerRecord(
      @ForAll("validRequests") Tuple.Tuple2<String, String> request, @ForAll boolean csvOut) throws Exception {
    // when
    String accept = csvOut ? "text/csv" : "application/json";
    HttpResponse<String> r = send(golden, request.get1(), accept, request.get2().getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(r.statusCode()).as(request.get1() + " " + abbreviate(request.get2()) + " -> " + abbreviate(r.body()))
        .isEqualTo(200);
    assertPredictions(request, csvOut, r);
  }

  private static void assertPredictions(Tuple.Tuple2<String, String> request, boolean csvOut, HttpResponse<String> r)
      throws IOException {
    int records = records(request);
    String seen = request.get1() + " " + abbreviate(request.get2()) + " -> " + abbreviate(r.body());
    if (csvOut) {
      List<String> lines = r.body().lines().toList();
      assertThat(lines).as(seen).hasSize(records);
      for (String line : lines) {
        String[] cells = line.split(",");
        assertThat(cells).as(seen).hasSize(2);
        assertThat(goldenClasses).as(seen).contains(cells[0]);
        assertThat(Double.parseDouble(cells[1])).as(seen).isBetween(0.0, 1.0);
      }
      return;
    }
    JsonNode body = MAPPER.readTree(r.body());
    List<JsonNode> predictions = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(predictions::add);
    } else {
      predictions.add(body);
    }
    assertThat(predictions).as(seen).hasSize(records);
    for (JsonNode p : predictions) {
      assertThat(goldenClasses).as(seen).contains(p.path("prediction").asText());
      assertThat(p.path("confidence").isNumber()).as(seen).isTrue();
      assertThat(p.path("confidence").asDouble()).as(seen).isBetween(0.0, 1.0);
      assertThat(p.path("probabilities").size()).as(seen).isEqualTo(goldenClasses.size());
      p.path("probabilities").forEach(v -> assertThat(v.isNumber() && v.asDouble() >= 0 && v.asDouble() <= 1)
          .as(seen).isTrue());
    }
  }

  private static int records(Tuple.Tuple2<String, String> request) {
    String body = request.get2();
    if (!request.get1().equals("application/json")) {
      return (int) body.lines().count();
    }
    JsonNode json = readJson(body);
    return json.isArray() ? json.size() : json.has("instances") ? json.get("instances").size() : 1;
  }

  private static String abbreviate(String s) {
    return s.length() <= 600 ? s : s.substring(0, 600) + "... (" + s.length() + " chars)";
  }

  private static HttpResponse<String> send(InferenceServer target, String contentType, String accept, byte[] body)
      throws IOException, InterruptedException {
    // given
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + "/invocations"))
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
    String seen = Tuple.of(contentType, accept, abbreviate(new String(body, StandardCharsets.UTF_8))) + " -> "
        + r.statusCode() + " " + abbreviate(r.body());
    assertThat(r.statusCode()).as(seen).isLessThan(500);
    if (r.statusCode() >= 400) {
      JsonNode error = MAPPER.readTree(r.body());
      assertThat(error.path("error").isTextual()).as(seen).isTrue();
      assertThat(error.path("error").asText()).as(seen).isNotBlank();
    } else {
      assertThat(r.statusCode()).as(seen).isEqualTo(200);
      assertThat(r.body()).as(seen).isNotBlank();
    }
    return r;
  }
}
