package dev.rookery.local;

import dev.rookery.serve.InferenceServer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Sends records sampled from a dataset to an endpoint's {@code POST /invocations} as
 * {@code text/csv} (one record per request, features in schema order, as SageMaker clients do),
 * each with a new inference id ({@code X-Amzn-SageMaker-Inference-Id}, as {@code InvokeEndpoint}'s
 * {@code InferenceId}), optionally shifted by {@link DriftShift}s, and measures latency.
 */
public final class TrafficGenerator {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final URI invocations;

  /**
   * @param baseUrl the endpoint's base URL, e.g. {@code http://127.0.0.1:8080}
   * @throws IllegalArgumentException naming the URL when it is not http(s)
   */
  public TrafficGenerator(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    URI base;
    try {
      base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--url must be an http(s) URL, found '" + baseUrl + "'", e);
    }
    if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
      throw new IllegalArgumentException("--url must be an http(s) URL, found '" + baseUrl + "'");
    }
    this.invocations = base.resolve("invocations");
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The URL requests go to. */
  public URI invocations() {
    return invocations;
  }

  /** Receives each answered request's inference id and the true label of the record sent. */
  @FunctionalInterface
  public interface Sent {
    void answered(String inferenceId, String label);
  }

  /**
   * Sends {@code count} records, sampled with replacement (seeded) from {@code data}.
   *
   * @param onProgress called after each request with the number sent so far
   * @throws CommandFailedException when the endpoint does not answer at all, or a drift names a
   *     feature the dataset does not have
   */
  public TrafficReport send(
      DatasetRecords data, int count, List<DriftShift> drifts, long seed, java.util.function.IntConsumer onProgress) {
    return send(data, count, drifts, seed, onProgress, (id, label) -> { });
  }

  /**
   * Sends as {@link #send(DatasetRecords, int, List, long, java.util.function.IntConsumer)} and hands
   * every request the endpoint answered with 200 to {@code sent}.
   */
  public TrafficReport send(DatasetRecords data, int count, List<DriftShift> drifts, long seed,
      java.util.function.IntConsumer onProgress, Sent sent) {
    if (count < 1) {
      throw new IllegalArgumentException("--count must be 1 or greater, found " + count);
    }
    int[] driftIndex = new int[drifts.size()];
    for (int d = 0; d < drifts.size(); d++) {
      driftIndex[d] = data.features().indexOf(drifts.get(d).feature());
      if (driftIndex[d] < 0) {
        throw new CommandFailedException(
            "--drift names feature '" + drifts.get(d).feature() + "', which the dataset does not have (features: "
                + data.features() + ")");
      }
    }
    Random random = new Random(seed);
    long[] latencies = new long[count];
    int[] statuses = new int[count];
    List<String> errors = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      int row = random.nextInt(data.rows().size());
      String[] values = data.rows().get(row).clone();
      String inferenceId = UUID.randomUUID().toString();
      for (int d = 0; d < drifts.size(); d++) {
        values[driftIndex[d]] = drifts.get(d).apply(values[driftIndex[d]]);
      }
      HttpRequest request = HttpRequest.newBuilder(invocations)
          .timeout(REQUEST_TIMEOUT)
          .header("Content-Type", "text/csv")
          .header("Accept", "text/csv")
          .header(InferenceServer.INFERENCE_ID_HEADER, inferenceId)
          .POST(HttpRequest.BodyPublishers.ofString(csvLine(values)))
          .build();
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        statuses[i] = response.statusCode();
        if (response.statusCode() == 200) {
          sent.answered(inferenceId, data.labels().get(row));
        }
        if (response.statusCode() >= 300 && errors.size() < 3) {
          errors.add(response.statusCode() + " " + response.body());
        }
      } catch (ConnectException e) {
        throw new CommandFailedException(
            "no endpoint answers at " + invocations + ": start one with `rookery run` or `rookery serve`, or pass --url", e);
      } catch (IOException e) {
        statuses[i] = 0;
        if (errors.size() < 3) {
          errors.add(e.toString());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandFailedException("traffic interrupted after " + i + " requests", e);
      }
      latencies[i] = System.nanoTime() - t0;
      onProgress.accept(i + 1);
    }
    return TrafficReport.of(latencies, statuses, Duration.ofNanos(System.nanoTime() - start), errors);
  }

  static String csvLine(String[] values) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("").get())) {
      printer.printRecord((Object[]) values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
