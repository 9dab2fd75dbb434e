package dev.rookery.functions.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rookery.functions.common.ExecutionStarter;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.common.Notifier;
import dev.rookery.functions.common.ObjectReader;
import dev.rookery.functions.common.ObjectReader.ObjectSample;
import dev.rookery.functions.exceptions.InvalidDatasetException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Checks an uploaded dataset from its first bytes and starts the pipeline, or rejects it.
 *
 * <p>Checks, in order: the object is CSV (key ends in {@code .csv} or Content-Type is
 * {@code text/csv}), is not empty, has a header line containing the target and every required column,
 * and at least one data row. A rejection is published on SNS and returned, not thrown: EventBridge
 * would otherwise retry an object that can never pass.
 */
public final class TriggerService {
  /** Bytes read from the object: a header of 64 KiB is far beyond any sane dataset. */
  public static final int SAMPLE_BYTES = 65536;

  private static final Logger LOG = Logger.getLogger(TriggerService.class.getName());

  private final TriggerConfig config;
  private final ObjectReader objects;
  private final ExecutionStarter executions;
  private final Notifier notifier;
  private final Object settingsDocument;

  /**
   * @param config settings and target ARNs
   * @param objects reads the object's first bytes
   * @param executions starts the pipeline
   * @param notifier publishes rejections
   */
  public TriggerService(TriggerConfig config, ObjectReader objects, ExecutionStarter executions,
      Notifier notifier) {
    this.config = config;
    this.objects = objects;
    this.executions = executions;
    this.notifier = notifier;
    try {
      // Every field, defaults filled in by the settings model: the states never meet a missing one.
      this.settingsDocument = Json.parse(config.settings().toJson());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param upload the new object
   * @return started (possibly by an earlier duplicate event) or rejected
   */
  public TriggerResult handle(UploadEvent upload) {
    String uri = upload.object().uri();
    try {
      check(upload);
    } catch (InvalidDatasetException e) {
      LOG.warning(e.getMessage());
      notifier.notify("Rookery: dataset upload rejected",
          "The upload " + uri + " (version " + upload.version() + ") was rejected: "
              + e.reason() + ".\nNothing was started. Fix the file and upload it again.");
      return new TriggerResult.Rejected(uri, e.reason());
    }
    String name = Names.pipelineExecution(upload.object().bucket(), upload.object().key(),
        upload.version());
    ExecutionStarter.Started started =
        executions.start(config.stateMachineArn(), name, Json.toJson(executionInput(upload)));
    LOG.info((started.started() ? "started " : "already started (duplicate event) ")
        + started.executionArn() + " for " + uri);
    return new TriggerResult.Started(started.executionArn(), started.started());
  }

  private void check(UploadEvent upload) {
    String uri = upload.object().uri();
    boolean csvName = upload.object().key().toLowerCase(Locale.ROOT).endsWith(".csv");
    if (upload.size() == 0) {
      throw new InvalidDatasetException(uri, "the object is empty (0 bytes)");
    }
    ObjectSample sample = objects.readStart(upload.object(), upload.versionId(), SAMPLE_BYTES);
    if (!csvName && !isCsvContentType(sample.contentType())) {
      throw new InvalidDatasetException(uri, "not a CSV: the key does not end in .csv and the"
          + " Content-Type is '" + sample.contentType() + "', not text/csv");
    }
    if (sample.bytes().length == 0) {
      throw new InvalidDatasetException(uri, "the object is empty (0 bytes)");
    }
    CsvHeader header = CsvHeader.parse(uri, sample.bytes(), sample.complete());
    List<String> missing = new ArrayList<>();
    if (!header.columns().contains(config.settings().target())) {
      missing.add(config.settings().target() + " (target)");
    }
    for (String column : config.settings().requiredColumns()) {
      if (!header.columns().contains(column)) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidDatasetException(uri, "the header " + header.columns()
          + " lacks the column(s) " + missing);
    }
    if (!header.hasDataRow()) {
      throw new InvalidDatasetException(uri, "the file has a header but no data rows");
    }
  }

  private static boolean isCsvContentType(String contentType) {
    if (contentType == null) {
      return false;
    }
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("text/csv") || base.equals("application/csv");
  }

  /**
   * {@code {"dataset": {"uri","bucket","key","version","copySource","etag"}, "settings":
   * <pipeline.json, complete>}}: the pipeline copies exactly this version (copySource, etag) before
   * reading it; the settings hold every field (PipelineSettings.toJson), defaults filled in.
   */
  private Map<String, Object> executionInput(UploadEvent upload) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("uri", upload.object().uri());
    dataset.put("bucket", upload.object().bucket());
    dataset.put("key", upload.object().key());
    dataset.put("version", upload.version());
    dataset.put("copySource", upload.copySource());
    dataset.put("etag", upload.quotedEtag());
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("dataset", dataset);
    input.put("settings", settingsDocument);
    return input;
  }
}
