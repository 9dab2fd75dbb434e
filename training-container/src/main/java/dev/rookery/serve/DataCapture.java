package dev.rookery.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rookery.ml.records.RecordEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Writes captured requests as SageMaker data capture does, so the drift monitor reads a local
 * endpoint's traffic exactly like an AWS endpoint's: one JSON line per request,
 *
 * <pre>{@code
 * {"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"...","encoding":"CSV"},
 *                 "endpointOutput":{"observedContentType":"text/csv; charset=utf-8","mode":"OUTPUT","data":"...","encoding":"CSV"}},
 *  "eventMetadata":{"eventId":"<uuid>","inferenceId":"<id>","inferenceTime":"2022-02-14T17:25:49Z"},"eventVersion":"0"}
 * }</pre>
 *
 * where {@code inferenceId} is the request's {@code X-Amzn-SageMaker-Inference-Id} (or the one the
 * server assigned): the key ground-truth labels are joined on. It is left out, as SageMaker does,
 * when an exchange has none. The record goes
 * under {@code <destination>/<endpoint>/<variant>/yyyy/mm/dd/hh/<mm-ss-SSS>-<uuid>.jsonl} (UTC hour
 * of the inference). {@code encoding} is {@code CSV} for CSV bodies, {@code JSON} for JSON and JSON
 * Lines bodies, {@code BASE64} (of the bytes) otherwise, as SageMaker does with the default
 * {@code CaptureContentTypeHeader}.
 *
 * <p>A request thread only decides sampling and offers to a bounded queue ({@link #offer}); one
 * writer thread batches and appends whole lines, in queue order. A full queue drops the record and
 * counts it ({@link #dropped()}); a write error (folder not writable, disk full) loses the batch and
 * counts it ({@link #failed()}), and the next batch tries again: capture never slows or fails a
 * request. Losses are logged (the first at once, then at most every 10 s) and, with the counts of
 * written records, kept in {@code <destination>/<endpoint>/<variant>/capture-stats.json} ({@link
 * #STATS_FILE}). A file is closed once it holds {@link CaptureConfig#maxFileBytes()} or its UTC
 * hour ends, so that closed files are complete; {@link #close()} writes everything offered before
 * it, then closes the file. What this promises after a crash: training-container/README.md, "Data
 * capture".
 */
final class DataCapture implements AutoCloseable {

  /** Records waiting for the writer; at ~1 KB each, bounded memory even if the disk stalls. */
  static final int QUEUE_CAPACITY = 16_384;

  private static final int BATCH = 512;
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter INFERENCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
  private static final DateTimeFormatter HOUR_DIR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH");
  private static final DateTimeFormatter FILE_PREFIX = DateTimeFormatter.ofPattern("mm-ss-SSS");
  private static final Event POISON = new Event(null, null, null, null, null, null);

  /** The counts of written and lost records, next to the hour folders (not a {@code .jsonl}). */
  static final String STATS_FILE = "capture-stats.json";

  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long STATS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * One captured exchange, as the request thread hands it over (no formatting on that thread).
   *
   * @param inferenceId the exchange's inference id, or null for none (no {@code inferenceId} field)
   */
  record Event(String inputType, byte[] input, String outputType, byte[] output, Instant time, String inferenceId) {
    /** An exchange without an inference id. */
    Event(String inputType, byte[] input, String outputType, byte[] output, Instant time) {
      this(inputType, input, outputType, output, time, null);
    }
  }

  private final int samplingPercent;
  private final Path folder;
  private final Clock clock;
  private final IntSupplier percentile;
  private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final long maxFileBytes;
  private final Thread writer;
  private volatile boolean closed;

  // Writer thread only.
  private FileChannel file;
  private long fileHour = Long.MIN_VALUE;
  private long fileBytes;
  private String lastError;
  private long loggedLost;
  private long lastLogNanos;
  private long statsWrittenAt = Long.MIN_VALUE;
  private long statsNanos;

  /**
   * Starts the writer thread.
   *
   * @param config sampling and destination
   * @param endpointName first folder under the destination
   * @param variantName second folder under the destination
   */
  DataCapture(CaptureConfig config, String endpointName, String variantName) {
    this(config, endpointName, variantName, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextInt(100));
  }

  /**
   * @param percentile draws a number in [0, 100) per request; a request is captured when it is below
   *     the sampling percentage
   */
  DataCapture(CaptureConfig config, String endpointName, String variantName, Clock clock, IntSupplier percentile) {
    this.samplingPercent = config.samplingPercent();
    this.folder = config.destination().resolve(endpointName).resolve(variantName);
    this.maxFileBytes = config.maxFileBytes();
    this.statsNanos = System.nanoTime() - STATS_EVERY_NANOS;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.percentile = Objects.requireNonNull(percentile, "percentile");
    this.writer = new Thread(this::writeLoop, "rookery-capture-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Whether this request is to be captured: one draw per request, at the sampling percentage. */
  boolean sample() {
    return samplingPercent > 0 && (samplingPercent >= 100 || percentile.getAsInt() < samplingPercent);
  }

  /** Hands one exchange without an inference id to the writer; never blocks. Returns false when it was dropped. */
  boolean offer(String inputType, byte[] input, String outputType, byte[] output) {
    return offer(inputType, input, outputType, output, null);
  }

  /** Hands one exchange to the writer; never blocks. Returns false when it was dropped. */
  boolean offer(String inputType, byte[] input, String outputType, byte[] output, String inferenceId) {
    if (closed || !queue.offer(new Event(inputType, input, outputType, output, clock.instant(), inferenceId))) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Records written to disk so far. */
  long written() {
    return written.get();
  }

  /** Records dropped because the queue was full or capture was closed. */
  long dropped() {
    return dropped.get();
  }

  /** Records lost to a write error (logged); capture goes on with the next batch. */
  long failed() {
    return failed.get();
  }

  /** The file holding the counts ({@link #STATS_FILE}). */
  Path statsFile() {
    return folder.resolve(STATS_FILE);
  }

  /** Writes every record offered so far, closes the file and stops the writer. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // put (not offer): the poison must get in even when the queue is full; the writer drains it.
    // An interrupt of the closing thread (Ctrl-C in `rookery serve` interrupts the thread that shuts
    // down) must not cut this short: the records would be lost and the writer would run on. So wait
    // through it, and hand the interrupt back to the caller afterwards.
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(POISON);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (writer.isAlive() && System.nanoTime() < deadline) {
      try {
        writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeLoop() {
    List<Event> batch = new ArrayList<>(BATCH);
    boolean running = true;
    while (running) {
      try {
        // A bounded wait, so that counts that changed while idle still reach the stats file.
        Event first = queue.poll(250, TimeUnit.MILLISECONDS);
        if (first == null) {
          report(false);
          continue;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        // Only close() stops the writer; an interrupt from elsewhere is not a reason to lose records.
        continue;
      }
      queue.drainTo(batch, BATCH - 1);
      int poison = batch.indexOf(POISON);
      if (poison >= 0) {
        running = false;
        // close() set `closed` before putting the poison, so nothing is offered after it; but a
        // request thread may have passed the check just before: write those too.
        batch.remove(poison);
        queue.drainTo(batch);
      }
      writeBatch(batch);
      batch.clear();
      report(false);
    }
    closeFile();
    report(true);
  }

  /**
   * Logs losses (the first at once, then at most every 10 s) and rewrites the stats file when a
   * count changed (at most every second, and at the end).
   */
  private void report(boolean last) {
    long now = System.nanoTime();
    long lost = dropped.get() + failed.get();
    if (lost > loggedLost && (loggedLost == 0 || last || now - lastLogNanos >= LOG_EVERY_NANOS)) {
      System.err.println("rookery serve: data capture lost " + lost + " records so far (" + dropped.get()
          + " dropped: the writer fell behind or capture was closed; " + failed.get() + " failed to write"
          + (lastError == null ? "" : ": " + lastError) + "); " + written.get()
          + " written. The endpoint keeps answering. Counts in " + statsFile());
      loggedLost = lost;
      lastLogNanos = now;
    }
    long state = written.get() * 31 + lost;
    if (state != statsWrittenAt && (last || now - statsNanos >= STATS_EVERY_NANOS)) {
      writeStats();
      statsWrittenAt = state;
      statsNanos = now;
    }
  }

  /** Replaces the stats file atomically, so a reader never sees half of it. */
  private void writeStats() {
    ByteArrayOutputStream json = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(json)) {
      g.writeStartObject();
      g.writeNumberField("written", written.get());
      g.writeNumberField("dropped", dropped.get());
      g.writeNumberField("failed", failed.get());
      g.writeStringField("lastError", lastError);
      g.writeStringField("updated", Instant.now(clock).toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.createDirectories(folder);
      Path tmp = folder.resolve(STATS_FILE + ".tmp");
      Files.write(tmp, json.toByteArray());
      Files.move(tmp, statsFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // The log line above is the other place the losses show; no more to do on a full disk.
    }
  }

  private void writeBatch(List<Event> batch) {
    int i = 0;
    while (i < batch.size()) {
      // One file per UTC hour: a batch that spans an hour boundary goes to two files.
      long hour = batch.get(i).time().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
      ByteArrayOutputStream lines = new ByteArrayOutputStream(1024 * (batch.size() - i));
      int from = i;
      while (i < batch.size() && batch.get(i).time().truncatedTo(ChronoUnit.HOURS).getEpochSecond() == hour) {
        appendLine(lines, batch.get(i));
        i++;
      }
      try {
        FileChannel channel = fileFor(hour, batch.get(from).time());
        ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
        while (buffer.hasRemaining()) {
          fileBytes += channel.write(buffer);
        }
        written.addAndGet(i - from);
        if (fileBytes >= maxFileBytes) {
          closeFile(); // a closed file is complete: whole lines, every record queued before its last
        }
      } catch (IOException | UncheckedIOException e) {
        failed.addAndGet(i - from);
        lastError = e.toString();
        closeFile();
      }
    }
  }

  private FileChannel fileFor(long hour, Instant first) throws IOException {
    if (file != null && hour == fileHour) {
      return file;
    }
    closeFile();
    ZonedDateTime at = first.atZone(ZoneOffset.UTC);
    Path dir = folder.resolve(HOUR_DIR.format(at));
    Files.createDirectories(dir);
    Path path = dir.resolve(FILE_PREFIX.format(at) + "-" + UUID.randomUUID() + ".jsonl");
    file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    fileHour = hour;
    fileBytes = 0;
    return file;
  }

  private void closeFile() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        System.err.println("rookery serve: closing a data capture file failed: " + e);
      }
      file = null;
      fileHour = Long.MIN_VALUE;
    }
  }

  /** Appends one SageMaker capture record and a newline. */
  static void appendLine(ByteArrayOutputStream out, Event e) {
    appendLine(out, e, UUID.randomUUID().toString());
  }

  static void appendLine(ByteArrayOutputStream out, Event e, String eventId) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("captureData");
      writePayload(g, "endpointInput", "INPUT", e.inputType(), e.input());
      writePayload(g, "endpointOutput", "OUTPUT", e.outputType(), e.output());
      g.writeEndObject();
      g.writeObjectFieldStart("eventMetadata");
      g.writeStringField("eventId", eventId);
      if (e.inferenceId() != null) {
        g.writeStringField("inferenceId", e.inferenceId());
      }
      g.writeStringField("inferenceTime", INFERENCE_TIME.format(e.time().atZone(ZoneOffset.UTC)));
      g.writeEndObject();
      g.writeStringField("eventVersion", "0");
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    out.write('\n');
  }

  private static void writePayload(JsonGenerator g, String name, String mode, String contentType, byte[] body)
      throws IOException {
    String encoding = RecordEncoding.fromMediaType(contentType).map(RecordEncoding::captureEncoding).orElse("BASE64");
    g.writeObjectFieldStart(name);
    g.writeStringField("observedContentType", contentType);
    g.writeStringField("mode", mode);
    g.writeStringField(
        "data",
        "BASE64".equals(encoding)
            ? Base64.getEncoder().encodeToString(body)
            : new String(body, StandardCharsets.UTF_8));
    g.writeStringField("encoding", encoding);
    g.writeEndObject();
  }
}
