package dev.rookery.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.testutils.FakeRecordPredictor;
import dev.rookery.testutils.PrometheusParser;
import dev.rookery.testutils.PrometheusParser.Family;
import dev.rookery.testutils.PrometheusParser.Sample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a real server, before and after real requests, read by the Prometheus
 * project's own exposition parser.
 */
class ServerMetricsTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path captureDir;
  private static InferenceServer server;
  private static HttpResponse<String> before;
  private static Map<String, Family> beforeFamilies;
  private static Map<String, Family> after;

  @BeforeAll
  static void sendTraffic() throws Exception {
    server = InferenceServer.start(new ServerConfig(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic",
        new CaptureConfig(100, captureDir)));
    before = get("/metrics");
    beforeFamilies = PrometheusParser.parse(before.body());
    // given: 3 Adelie and 2 Gentoo predictions in three 200s, a 404, a 415 and a 405
    post("text/csv", InferenceServerTest.ADELIE_CSV + "\n" + InferenceServerTest.GENTOO_CSV + "\n" + InferenceServerTest.ADELIE_CSV);
    post("application/json", InferenceServerTest.ADELIE_JSON);
    post("application/json", InferenceServerTest.GENTOO_JSON);
    assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    assertThat(post("application/xml", "<penguin/>").statusCode()).isEqualTo(415);
    assertThat(get("/invocations").statusCode()).isEqualTo(405);
    // The capture writer works behind a queue: wait until it has written the three requests.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.capturedRecords() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    after = PrometheusParser.parse(get("/metrics").body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void metrics_get_answersInTextFormat004() {
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void metrics_afterTraffic_familiesHaveTheirTypes() {
    assertThat(after).containsKeys("rookery_http_requests", "rookery_http_request_duration_seconds",
        "rookery_predictions", "rookery_capture_records_written", "rookery_capture_records_dropped",
        "rookery_capture_records_failed");
    assertThat(after.get("rookery_http_requests").type()).isEqualTo("counter");
    assertThat(after.get("rookery_http_request_duration_seconds").type()).isEqualTo("histogram");
    assertThat(after.get("rookery_predictions").type()).isEqualTo("counter");
    assertThat(after.get("rookery_capture_records_written").type()).isEqualTo("counter");
    assertThat(after.get("rookery_capture_records_dropped").type()).isEqualTo("counter");
  }

  @Test
  void requestsTotal_afterTraffic_countsByPathAndStatus() {
    assertThat(value(beforeFamilies, "rookery_http_requests_total", Map.of("path", "/invocations", "code", "200"))).isZero();
    assertThat(value(after, "rookery_http_requests_total", Map.of("path", "/invocations", "code", "200"))).isEqualTo(3);
    assertThat(value(after, "rookery_http_requests_total", Map.of("path", "/invocations", "code", "415"))).isEqualTo(1);
    assertThat(value(after, "rookery_http_requests_total", Map.of("path", "/invocations", "code", "405"))).isEqualTo(1);
    assertThat(value(after, "rookery_http_requests_total", Map.of("path", "other", "code", "404"))).isEqualTo(1);
    // the scrape before the traffic is itself a request
    assertThat(value(after, "rookery_http_requests_total", Map.of("path", "/metrics", "code", "200"))).isEqualTo(1);
  }

  @Test
  void predictionsTotal_afterTraffic_countsEachClass() {
    assertThat(value(beforeFamilies, "rookery_predictions_total", Map.of("class", "Adelie"))).isZero();
    assertThat(value(after, "rookery_predictions_total", Map.of("class", "Adelie"))).isEqualTo(3);
    assertThat(value(after, "rookery_predictions_total", Map.of("class", "Gentoo"))).isEqualTo(2);
    assertThat(value(after, "rookery_predictions_total", Map.of("class", "Chinstrap"))).isZero();
  }

  @Test
  void durationHistogram_afterTraffic_bucketsAreCumulativeAndEndInCount() {
    Family h = after.get("rookery_http_request_duration_seconds");
    Map<String, String> invocations = Map.of("path", "/invocations");
    List<Sample> buckets = h.samples("rookery_http_request_duration_seconds_bucket", invocations);
    assertThat(buckets).hasSize(ServerMetrics.BUCKETS_SECONDS.length + 1);
    double previousBound = Double.NEGATIVE_INFINITY;
    double previousCount = 0;
    for (Sample b : buckets) {
      double bound = Double.parseDouble(b.labels().get("le").replace("+Inf", "Infinity"));
      assertThat(bound).isGreaterThan(previousBound);
      assertThat(b.value()).isGreaterThanOrEqualTo(previousCount);
      previousBound = bound;
      previousCount = b.value();
    }
    assertThat(buckets.get(buckets.size() - 1).labels()).containsEntry("le", "+Inf");
    double count = h.samples("rookery_http_request_duration_seconds_count", invocations).get(0).value();
    assertThat(previousCount).isEqualTo(count).isEqualTo(5);
    assertThat(h.samples("rookery_http_request_duration_seconds_sum", invocations).get(0).value()).isPositive();
  }

  @Test
  void captureCounters_afterTraffic_areTheCaptureCounts() {
    assertThat(value(beforeFamilies, "rookery_capture_records_written_total", Map.of())).isZero();
    assertThat(value(after, "rookery_capture_records_written_total", Map.of())).isEqualTo(3);
    assertThat(value(after, "rookery_capture_records_dropped_total", Map.of())).isEqualTo(server.droppedCaptureRecords());
    assertThat(value(after, "rookery_capture_records_failed_total", Map.of())).isEqualTo(server.failedCaptureRecords());
  }

  private static double value(Map<String, Family> families, String sample, Map<String, String> labels) {
    return families.values().stream()
        .flatMap(f -> f.samples(sample, labels).stream())
        .mapToDouble(Sample::value)
        .sum();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String contentType, String body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(uri("/invocations")).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
