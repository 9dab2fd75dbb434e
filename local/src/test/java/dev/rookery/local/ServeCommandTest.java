package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path state;

  private Thread serveInBackground(AtomicReference<Cli.Result> result, String... args) {
    Thread t = new Thread(() -> {
      try {
        result.set(Cli.run(state, args));
      } catch (Throwable e) {
        result.set(new Cli.Result(-1, "", e.toString()));
      }
    }, "rookery-serve");
    t.start();
    return t;
  }

  @Test
  void serve_unknownVersion_exitsOneNamingIt() {
    // given
    assertThat(Cli.run(state, "run", "--no-serve").exitCode()).isZero();

    // when
    Cli.Result result = Cli.run(state, "serve", "--version", "5", "--port", "0");

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("model version 5 does not exist");
  }

  @Test
  void serve_latestApproved_answersPredictionsPublishesAndWithdrawsEndpointJson() throws Exception {
    // given: version 1 approved, version 2 rejected
    assertThat(Cli.run(state, "run", "--no-serve").exitCode()).isZero();
    assertThat(Cli.run(state, "run", "--no-serve").exitCode()).isZero();
    assertThat(Cli.run(state, "registry", "reject", "2").exitCode()).isZero();
    StateDir stateDir = new StateDir(state);
    AtomicReference<Cli.Result> result = new AtomicReference<>();

    // when
    Thread server = serveInBackground(result, "serve", "--port", "0", "--capture-percent", "0");
    try {
      EndToEndTest.await(() -> stateDir.endpointFile().toFile().exists() || result.get() != null, Duration.ofSeconds(60));
      EndpointInfo info = EndpointInfo.read(stateDir.endpointFile()).orElseThrow(() -> new AssertionError(result.get()));
      HttpResponse<String> answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(info.url() + "/invocations"))
              .header("Content-Type", "text/csv").header("Accept", "text/csv")
              .POST(HttpRequest.BodyPublishers.ofString("Biscoe,45.1,14.5,215,5000,female,2008")).build(),
          HttpResponse.BodyHandlers.ofString());

      // then
      assertThat(info.version()).isEqualTo(1);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).startsWith("Gentoo");
    } finally {
      server.interrupt();
      server.join(60_000);
    }
    assertThat(result.get().exitCode()).as(result.get().toString()).isZero();
    assertThat(result.get().out()).contains("serving model version 1 (Approved").contains("capturing 0%");
    assertThat(stateDir.endpointFile()).doesNotExist();
  }

  @Test
  void serve_portTaken_exitsOneSayingWhichPort() throws Exception {
    // given
    assertThat(Cli.run(state, "run", "--no-serve").exitCode()).isZero();
    try (ServerSocket taken = new ServerSocket(0)) {
      // when
      Cli.Result result = Cli.run(state, "serve", "--port", String.valueOf(taken.getLocalPort()));

      // then
      assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(result.err()).contains("port " + taken.getLocalPort()).contains("--port");
    }
  }
}
