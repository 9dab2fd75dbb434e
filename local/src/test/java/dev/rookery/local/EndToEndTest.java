package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance path through the real entry point: {@code run} serving on an ephemeral
 * port, {@code traffic --count 200} (with the dataset's missing values), {@code monitor} (no
 * violation), then drifted traffic and
 * {@code monitor} again (a {@code baseline_drift_check} on {@code body_mass_g}).
 */
class EndToEndTest {
  @TempDir Path state;

  @Test
  void runTrafficMonitor_withAndWithoutDrift_reportsDriftOnlyForTheShiftedFeature() throws Exception {
    // given: the pipeline runs and serves
    StateDir stateDir = new StateDir(state);
    AtomicReference<Cli.Result> run = new AtomicReference<>();
    Thread runner = startServing(state, run, "run", "--port", "0");
    try {
      await(() -> Files.exists(stateDir.endpointFile()) || run.get() != null, Duration.ofSeconds(120));
      assertThat(run.get()).as("run ended early: %s", run.get()).isNull();
      EndpointInfo endpoint = EndpointInfo.read(stateDir.endpointFile()).orElseThrow();
      assertThat(endpoint.url()).startsWith("http://127.0.0.1:");
      Path capture = stateDir.capture().resolve(endpoint.endpointName()).resolve(endpoint.variantName());

      String metricsBefore = metrics(endpoint);

      // when: plain traffic, rows with missing values included (the default)
      Cli.Result traffic = Cli.run(state, "traffic", "--count", "200");
      String metricsAfter = metrics(endpoint);
      await(() -> captureLines(capture) >= 200, Duration.ofSeconds(30));
      Cli.Result calm = Cli.run(state, "monitor");

      // then: no violation, completeness_check included, although some records lack values
      assertThat(captureText(capture)).contains("NA");
      assertThat(traffic.exitCode()).as(traffic.toString()).isZero();
      assertThat(traffic.out()).contains("200 sent, 200 ok, 0 failed").contains("p50").contains("p99");
      assertThat(calm.exitCode()).as(calm.toString()).isZero();
      assertThat(calm.out()).contains("analysed 200 captured records").contains("no violations").contains("report.html");
      // the served /metrics count the traffic (the text itself is checked by the Prometheus parser
      // in the training container's ServerMetricsTest)
      assertThat(metricsBefore).doesNotContain("rookery_http_requests_total{path=\"/invocations\"");
      assertThat(metricsAfter).contains("rookery_http_requests_total{path=\"/invocations\",code=\"200\"} 200\n");
      // when: the same traffic, 1.5 kg heavier
      Cli.Result drifted = Cli.run(state, "traffic", "--count", "200", "--drift", "body_mass_g=+1500", "--seed", "7");
      await(() -> captureLines(capture) >= 400, Duration.ofSeconds(30));
      Path textfile = state.resolve("node-exporter/rookery.prom");
      Cli.Result alarm = Cli.run(state, "monitor", "--prometheus-textfile", textfile.toString());

      // then
      assertThat(drifted.exitCode()).as(drifted.toString()).isZero();
      assertThat(alarm.exitCode()).as(alarm.toString()).isEqualTo(ExitCodes.VIOLATIONS);
      assertThat(alarm.out()).containsPattern("body_mass_g\\s+baseline_drift_check");
      assertThat(alarm.out().lines().filter(l -> l.contains("baseline_drift_check")))
          .allMatch(l -> l.contains("body_mass_g"));
      Path report = Path.of(alarm.out().lines().filter(l -> l.startsWith("report:")).findFirst().orElseThrow()
          .substring("report:".length()).trim());
      assertThat(report).isRegularFile().startsWith(stateDir.reports());
      assertThat(Files.readString(report)).contains("body_mass_g");
      assertThat(alarm.out()).contains("prometheus: " + textfile);
      assertThat(Files.readString(textfile))
          .containsPattern("rookery_monitor_feature_drift_distance\\{endpoint=\"" + endpoint.endpointName()
              + "\",feature=\"body_mass_g\"} 0\\.\\d+\n")
          .contains("rookery_monitor_constraint_violations{endpoint=\"" + endpoint.endpointName() + "\"} ");
    } finally {
      // when: the serving run is stopped
      runner.interrupt();
      runner.join(60_000);
    }

    // then: it ends cleanly and withdraws endpoint.json
    assertThat(run.get()).isNotNull();
    assertThat(run.get().exitCode()).as(run.get().toString()).isZero();
    assertThat(run.get().out()).contains("[6/6] deploy").contains("endpoint stopped");
    assertThat(stateDir.endpointFile()).doesNotExist();
  }

  /**
   * Starts {@code rookery <args>} (a serving {@code run} or {@code serve}) on a thread; its result
   * lands in {@code result} when it ends (interrupt the thread to stop it).
   */
  static Thread startServing(Path state, AtomicReference<Cli.Result> result, String... args) {
    Thread runner = new Thread(() -> {
      try {
        result.set(Cli.run(state, args));
      } catch (Throwable t) {
        result.set(new Cli.Result(-1, "", t.toString()));
      }
    }, "rookery-" + args[0]);
    runner.start();
    return runner;
  }

  /** The endpoint's {@code GET /metrics} text. */
  static String metrics(EndpointInfo endpoint) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(endpoint.url() + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  static long captureLines(Path capture) {
    if (!Files.isDirectory(capture)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(capture)) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).mapToLong(p -> {
        try (Stream<String> lines = Files.lines(p)) {
          return lines.filter(l -> l.endsWith("}")).count();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String captureText(Path capture) throws IOException {
    try (Stream<Path> files = Files.walk(capture)) {
      StringBuilder sb = new StringBuilder();
      for (Path p : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        sb.append(Files.readString(p));
      }
      return sb.toString();
    }
  }
}
