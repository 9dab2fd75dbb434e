package dev.rookery.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCaptureTest {

  static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String TIME_RE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /**
   * Replaces eventId, inferenceTime and a UUID inferenceId (one the server assigned), after checking
   * their shape, by the golden placeholders.
   */
  static String normalise(String line) {
    assertThat(line).containsPattern("\"eventId\":\"" + UUID_RE + "\"");
    assertThat(line).containsPattern("\"inferenceTime\":\"" + TIME_RE + "\"");
    return line.replaceAll("\"eventId\":\"" + UUID_RE + "\"", "\"eventId\":\"00000000-0000-0000-0000-000000000000\"")
        .replaceAll("\"inferenceId\":\"" + UUID_RE + "\"", "\"inferenceId\":\"00000000-0000-0000-0000-000000000000\"")
        .replaceAll("\"inferenceTime\":\"" + TIME_RE + "\"", "\"inferenceTime\":\"2024-01-01T00:00:00Z\"");
  }

  static String golden(String name) throws IOException {
    try (InputStream in = DataCaptureTest.class.getResourceAsStream("/serve/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  private static String line(DataCapture.Event e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataCapture.appendLine(out, e, "00000000-0000-0000-0000-000000000000");
    return out.toString(StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void appendLine_csvExchange_matchesGolden() throws IOException {
    // given
    DataCapture.Event e =
        new DataCapture.Event(
            "text/csv", utf8("Biscoe,46.1,13.2,211,4500,female,2007"), "text/csv; charset=utf-8", utf8("Gentoo,0.8\n"), T0,
            "00000000-0000-0000-0000-000000000000");
    // when
    String line = line(e);
    // then
    assertThat(line).endsWith("\n");
    assertThat(line.trim()).isEqualTo(golden("capture-csv.jsonl"));
  }

  @Test
  void appendLine_clientInferenceId_isWrittenAsSageMakerDoes() {
    DataCapture.Event e = new DataCapture.Event("text/csv", utf8("a"), "text/csv", utf8("b"), T0, "order-17/line 3");
    assertThat(line(e)).contains(
        "\"eventMetadata\":{\"eventId\":\"00000000-0000-0000-0000-000000000000\",\"inferenceId\":\"order-17/line 3\","
            + "\"inferenceTime\":\"2024-01-01T00:00:00Z\"}");
  }

  @Test
  void appendLine_jsonExchange_matchesGolden() throws IOException {
    DataCapture.Event e =
        new DataCapture.Event(
            "application/json",
            utf8("{\"island\":\"Biscoe\",\"flipper_length_mm\":211}"),
            "application/json",
            utf8("{\"prediction\":\"Gentoo\",\"confidence\":0.8,\"probabilities\":{\"Adelie\":0.1,\"Chinstrap\":0.1,\"Gentoo\":0.8}}"),
            T0.plusMillis(999));
    assertThat(line(e).trim()).isEqualTo(golden("capture-json.jsonl"));
  }

  @Test
  void appendLine_jsonLinesExchange_isJsonEncoded() {
    DataCapture.Event e =
        new DataCapture.Event("application/jsonlines", utf8("{}\n{}\n"), "application/jsonlines", utf8("{}\n"), T0);
    assertThat(line(e)).contains("\"data\":\"{}\\n{}\\n\",\"encoding\":\"JSON\"");
  }

  @Test
  void appendLine_otherContentType_isBase64() {
    // given
    byte[] bytes = {0, 1, (byte) 0xFF};
    DataCapture.Event e = new DataCapture.Event("application/octet-stream", bytes, "text/csv", utf8("a"), T0);
    // when
    String line = line(e);
    // then
    assertThat(line)
        .contains("\"data\":\"" + Base64.getEncoder().encodeToString(bytes) + "\",\"encoding\":\"BASE64\"")
        .contains("\"mode\":\"OUTPUT\",\"data\":\"a\",\"encoding\":\"CSV\"");
  }

  @Test
  void sample_percentages_drawOncePerRequest(@TempDir Path dir) {
    AtomicInteger draw = new AtomicInteger();
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    try (DataCapture thirty = new DataCapture(new CaptureConfig(30, dir), "e", "v", clock, draw::get);
        DataCapture none = new DataCapture(new CaptureConfig(0, dir), "e", "v", clock, draw::get);
        DataCapture all = new DataCapture(new CaptureConfig(100, dir), "e", "v", clock, draw::get)) {
      draw.set(29);
      assertThat(thirty.sample()).isTrue();
      draw.set(30);
      assertThat(thirty.sample()).isFalse();
      draw.set(0);
      assertThat(none.sample()).isFalse();
      draw.set(99);
      assertThat(all.sample()).isTrue();
    }
  }

  @Test
  void close_onAnInterruptedThread_stillWritesEveryRecordAndStopsTheWriter(@TempDir Path dir) throws Exception {
    // given: records offered, and a closing thread that was interrupted (Ctrl-C in `rookery serve`
    // interrupts the thread that then shuts the server down)
    DataCapture capture = new DataCapture(new CaptureConfig(100, dir), "e", "v");
    int offered = 0;
    for (int i = 0; i < 2_000; i++) {
      offered += capture.offer("text/csv", utf8("Biscoe,46.1," + i), "text/csv", utf8("Gentoo")) ? 1 : 0;
    }
    Thread.currentThread().interrupt();

    // when
    capture.close();

    // then: the interrupt is kept for the caller, and close() waited for the writer: every
    // offered record is in the files (before, it returned at once and the writer ran on)
    assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
    long lines;
    try (var files = Files.walk(dir)) {
      lines = files.filter(f -> f.toString().endsWith(".jsonl")).mapToLong(f -> {
        try {
          return Files.readAllLines(f).size();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sum();
    }
    assertThat(lines).isEqualTo(offered).isPositive();
  }

  @Test
  void close_afterOffers_writesEveryRecordIntoHourFolders(@TempDir Path dir) throws IOException {
    // given: a clock that moves from 10:59 to 11:00 UTC halfway
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-03-05T10:59:59.500Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    DataCapture capture = new DataCapture(new CaptureConfig(100, dir), "ep", "AllTraffic", clock, () -> 0);
    // when
    for (int i = 0; i < 1000; i++) {
      if (i == 500) {
        now.set(Instant.parse("2024-03-05T11:00:00.100Z"));
      }
      assertThat(capture.offer("text/csv", utf8("a,b"), "text/csv", utf8("x,1"))).isTrue();
    }
    capture.close();
    // then
    Path variant = dir.resolve("ep").resolve("AllTraffic");
    List<Path> files = InferenceServerTest.captureFiles(variant);
    assertThat(files).hasSize(2);
    assertThat(variant.relativize(files.get(0)).toString().replace('\\', '/')).startsWith("2024/03/05/10/59-59-500-");
    assertThat(variant.relativize(files.get(1)).toString().replace('\\', '/')).startsWith("2024/03/05/11/00-00-100-");
    assertThat(Files.readAllLines(files.get(0))).hasSize(500).allMatch(l -> l.contains("2024-03-05T10:59:59Z"));
    assertThat(Files.readAllLines(files.get(1))).hasSize(500).allMatch(l -> l.contains("2024-03-05T11:00:00Z"));
    assertThat(capture.written()).isEqualTo(1000);
  }

  @Test
  void offer_afterClose_isDroppedAndCounted(@TempDir Path dir) {
    DataCapture capture = new DataCapture(new CaptureConfig(100, dir), "e", "v");
    capture.close();
    assertThat(capture.offer("text/csv", utf8("a"), "text/csv", utf8("b"))).isFalse();
    assertThat(capture.dropped()).isEqualTo(1);
  }

  @Test
  void offer_unwritableDestination_countsFailureWithoutThrowing(@TempDir Path dir) throws IOException {
    // given: the destination is a file, so no folder can be created under it
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    DataCapture capture = new DataCapture(new CaptureConfig(100, file), "e", "v");
    // when
    boolean offered = capture.offer("text/csv", utf8("a"), "text/csv", utf8("b"));
    capture.close();
    // then
    assertThat(offered).isTrue();
    assertThat(capture.failed()).isEqualTo(1);
    assertThat(capture.written()).isZero();
  }
}
