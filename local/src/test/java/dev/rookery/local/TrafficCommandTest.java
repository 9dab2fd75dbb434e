package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code rookery traffic} against a small real HTTP endpoint on 127.0.0.1 that records what it gets. */
class TrafficCommandTest {
  static {
    // As the inference server does: without it the JDK server's two writes per answer wait for the
    // client's delayed ACK (~40 ms a request). Read once per JVM, at the first server created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  @TempDir Path state;

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();

  private String startEndpoint(int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/invocations", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      byte[] answer = (status == 200 ? "{\"predictions\":[{\"label\":\"Adelie\"}]}" : "{\"error\":\"boom\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void traffic_penguinsWithDrift_sendsShiftedCsvRecordsAndPrintsLatency() throws IOException {
    // given
    String url = startEndpoint(200);

    // when
    Cli.Result result = Cli.run(state, "traffic", "--count", "30", "--url", url, "--drift", "body_mass_g=+1500");

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("30 sent, 30 ok, 0 failed").contains("p50").contains("p99");
    assertThat(bodies).hasSize(30);
    assertThat(contentTypes).containsOnly("text/csv");
    // island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year: body mass is column 5
    for (String body : bodies) {
      String[] values = body.split(",", -1);
      assertThat(values).hasSize(7);
      if (!values[4].equals("NA")) {
        assertThat(Double.parseDouble(values[4])).isGreaterThanOrEqualTo(2700 + 1500);
      }
    }
  }

  @Test
  void traffic_withoutDrift_sendsDatasetValues() throws IOException {
    // given
    String url = startEndpoint(200);

    // when
    Cli.Result result = Cli.run(state, "traffic", "--count", "40", "--url", url);

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(bodies).allSatisfy(b -> {
      String mass = b.split(",", -1)[4];
      if (!mass.equals("NA")) {
        assertThat(Double.parseDouble(mass)).isBetween(2700.0, 6300.0);
      }
    });
  }

  @Test
  void traffic_default_sendsRowsWithMissingValuesToo() throws IOException {
    // given
    String url = startEndpoint(200);

    // when: 11 of the 344 penguins have no sex, so 300 draws hit some
    Cli.Result result = Cli.run(state, "traffic", "--count", "300", "--url", url);

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(bodies).anyMatch(b -> b.contains("NA"));
  }

  @Test
  void traffic_skipMissing_sendsCompleteRowsOnly() throws IOException {
    // given
    String url = startEndpoint(200);

    // when
    Cli.Result result = Cli.run(state, "traffic", "--count", "300", "--url", url, "--skip-missing");

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("complete rows");
    assertThat(bodies).hasSize(300).allSatisfy(b -> assertThat(b.split(",", -1)).doesNotContain("NA", ""));
  }

  @Test
  void traffic_endpointAnswers500_exitsOneAndShowsTheAnswer() throws IOException {
    // given
    String url = startEndpoint(500);

    // when
    Cli.Result result = Cli.run(state, "traffic", "--count", "5", "--url", url);

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("5 of 5 requests failed").contains("500 {\"error\":\"boom\"}");
  }

  @Test
  void traffic_nothingListening_exitsOneSayingHowToStartAnEndpoint() throws IOException {
    // given
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    // when
    Cli.Result result = Cli.run(state, "traffic", "--count", "3", "--url", "http://127.0.0.1:" + port);

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("no endpoint answers at http://127.0.0.1:" + port).contains("rookery serve");
  }

  @Test
  void traffic_driftOfUnknownFeature_failsNamingIt() throws IOException {
    // given
    String url = startEndpoint(200);

    // when
    Cli.Result result = Cli.run(state, "traffic", "--url", url, "--drift", "wingspan=+3");

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("'wingspan'").contains("body_mass_g");
    assertThat(bodies).isEmpty();
  }

  @Test
  void traffic_help_describesEveryOption() {
    // when
    Cli.Result result = Cli.exec("traffic", "--help");

    // then
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--count").contains("--url").contains("--drift").contains("--state-dir");
  }
}
