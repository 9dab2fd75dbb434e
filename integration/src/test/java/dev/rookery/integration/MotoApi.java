package dev.rookery.integration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** moto's control API ({@code /moto-api/...}): settings and canned results. */
public final class MotoApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** @param base the server's root, e.g. {@code http://127.0.0.1:4566} */
  public MotoApi(URI base) {
    this.base = base;
  }

  /**
   * Makes moto execute state machines (off by default: executions would stay RUNNING) and answer
   * Lambda invokes from the queue instead of running code in Docker.
   */
  public void configure() {
    post("/moto-api/config", Map.of(
        "stepfunctions", Map.of("execute_state_machine", true),
        "lambda", Map.of("use_docker", false)));
  }

  /**
   * @param region the invoking state machine's region
   * @param account its account
   * @param payloads what the next invokes return, in order
   */
  public void queueLambdaResults(String region, String account, List<String> payloads) {
    post("/moto-api/static/lambda-simple/response",
        Map.of("account_id", account, "region", region, "results", payloads));
  }

  /** Empties every service's state between test classes. */
  public void reset() {
    post("/moto-api/reset", Map.of());
  }

  /** @return true once the server answers */
  public boolean ready() {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/moto-api/data.json"))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void post(String path, Object body) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("moto " + path + " answered " + response.statusCode()
            + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moto " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling moto " + path, e);
    }
  }
}
