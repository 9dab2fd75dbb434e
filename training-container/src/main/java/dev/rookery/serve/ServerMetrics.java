package dev.rookery.serve;

import dev.rookery.metrics.PrometheusText;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The inference server's Prometheus metrics, served on {@code GET /metrics}: requests by path and
 * status code, a latency histogram per path, predictions per class, and the capture counts.
 *
 * <p>Lock-free and allocation-free on the request path: {@link LongAdder}s (striped, so the pool
 * threads do not contend on one cache line), one per (path, status) created on first use, and a
 * fixed array of histogram buckets. The capture counts are not counted here: they are read from
 * {@link DataCapture} at scrape time, the same counts {@code capture-stats.json} holds.
 */
final class ServerMetrics {

  /** The paths the server knows; anything else is {@code other} (a label per unknown path would grow without bound). */
  enum Route {
    PING("/ping"),
    INVOCATIONS("/invocations"),
    METRICS("/metrics"),
    OTHER("other");

    final String label;

    Route(String label) {
      this.label = label;
    }

    static Route of(String path) {
      return switch (path) {
        case "/ping" -> PING;
        case "/invocations" -> INVOCATIONS;
        case "/metrics" -> METRICS;
        default -> OTHER;
      };
    }
  }

  /**
   * Upper bounds of the latency buckets, in seconds: from 0.5 ms (a warm one-record prediction takes
   * tens of microseconds) to 10 s (a 6 MB batch), roughly 1-2.5-5 per decade.
   */
  static final double[] BUCKETS_SECONDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private static final int STATUS_CODES = 600;
  private static final long[] BUCKET_NANOS = new long[BUCKETS_SECONDS.length];

  static {
    for (int i = 0; i < BUCKETS_SECONDS.length; i++) {
      BUCKET_NANOS[i] = Math.round(BUCKETS_SECONDS[i] * 1e9);
    }
  }

  private final AtomicReferenceArray<LongAdder> requests =
      new AtomicReferenceArray<>(Route.values().length * STATUS_CODES);
  private final Histogram[] latency = new Histogram[Route.values().length];
  private final Map<String, LongAdder> predictions = new ConcurrentHashMap<>();
  private final List<String> classes;
  private final LongSupplier captureWritten;
  private final LongSupplier captureDropped;
  private final LongSupplier captureFailed;

  /**
   * @param classes the model's classes, exported at 0 before the first prediction
   * @param capture the capture whose counts to export, or null without capture (exported as 0)
   */
  ServerMetrics(List<String> classes, DataCapture capture) {
    this.classes = List.copyOf(classes);
    for (String c : this.classes) {
      predictions.put(c, new LongAdder());
    }
    for (int i = 0; i < latency.length; i++) {
      latency[i] = new Histogram();
    }
    this.captureWritten = capture == null ? () -> 0 : capture::written;
    this.captureDropped = capture == null ? () -> 0 : capture::dropped;
    this.captureFailed = capture == null ? () -> 0 : capture::failed;
  }

  /** Counts one answered request and its duration. */
  void request(Route route, int status, long nanos) {
    int code = status >= 100 && status < STATUS_CODES ? status : 0;
    int slot = route.ordinal() * STATUS_CODES + code;
    LongAdder adder = requests.get(slot);
    if (adder == null) {
      requests.compareAndSet(slot, null, new LongAdder());
      adder = requests.get(slot);
    }
    adder.increment();
    latency[route.ordinal()].observe(nanos);
  }

  /** Counts one prediction of the class. */
  void prediction(String label) {
    LongAdder adder = predictions.get(label);
    if (adder == null) {
      // A label outside the schema's classes: not expected from a trained model, but counted.
      adder = predictions.computeIfAbsent(label, k -> new LongAdder());
    }
    adder.increment();
  }

  /** The exposition text. */
  String scrape() {
    PrometheusText text = new PrometheusText();
    text.family("rookery_http_requests_total", "counter",
        "Requests answered, by path (/ping, /invocations, /metrics or other) and HTTP status code.");
    Route[] routes = Route.values();
    for (int slot = 0; slot < requests.length(); slot++) {
      LongAdder adder = requests.get(slot);
      if (adder != null) {
        text.sample("rookery_http_requests_total", adder.sum(),
            "path", routes[slot / STATUS_CODES].label, "code", Integer.toString(slot % STATUS_CODES));
      }
    }
    text.family("rookery_http_request_duration_seconds", "histogram",
        "Time from reading the request line to closing the answer, by path.");
    for (Route route : routes) {
      latency[route.ordinal()].write(text, "rookery_http_request_duration_seconds", route.label);
    }
    text.family("rookery_predictions_total", "counter", "Records predicted in answered /invocations, by predicted class.");
    predictions.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> text.sample("rookery_predictions_total", e.getValue().sum(), "class", e.getKey()));
    text.family("rookery_capture_records_written_total", "counter",
        "Data-capture records written to the capture files (0 without capture).");
    text.sample("rookery_capture_records_written_total", captureWritten.getAsLong());
    text.family("rookery_capture_records_dropped_total", "counter",
        "Data-capture records dropped because the capture queue was full (0 without capture).");
    text.sample("rookery_capture_records_dropped_total", captureDropped.getAsLong());
    text.family("rookery_capture_records_failed_total", "counter",
        "Data-capture records lost to a write error: folder not writable, disk full (0 without capture).");
    text.sample("rookery_capture_records_failed_total", captureFailed.getAsLong());
    return text.toString();
  }

  /** A fixed-bucket histogram: a count per bucket (not cumulative until written) and the sum in nanoseconds. */
  private static final class Histogram {
    private final LongAdder[] buckets = new LongAdder[BUCKET_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(long nanos) {
      int i = 0;
      while (i < BUCKET_NANOS.length && nanos > BUCKET_NANOS[i]) {
        i++;
      }
      buckets[i].increment();
      sumNanos.add(nanos);
    }

    void write(PrometheusText text, String name, String path) {
      // Read the buckets first: the count is their total, so it never disagrees with +Inf.
      long cumulative = 0;
      for (int i = 0; i < BUCKET_NANOS.length; i++) {
        cumulative += buckets[i].sum();
        text.sample(name + "_bucket", cumulative, "path", path, "le", PrometheusText.format(BUCKETS_SECONDS[i]));
      }
      cumulative += buckets[BUCKET_NANOS.length].sum();
      text.sample(name + "_bucket", cumulative, "path", path, "le", "+Inf");
      text.sample(name + "_sum", sumNanos.sum() / 1e9, "path", path);
      text.sample(name + "_count", cumulative, "path", path);
    }
  }
}
