package dev.rookery.functions.trigger;

import dev.rookery.functions.common.ExecutionStarter;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.common.Notifier;
import dev.rookery.functions.common.ObjectReader;
import dev.rookery.functions.common.ObjectReader.ObjectSample;
import dev.rookery.functions.common.S3Location;
import dev.rookery.functions.exceptions.InvalidDatasetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  /**
   * S3 CopyObject's limit, 5 GiB: the pipeline's PinDataset ({@code s3:copyObject}) copies up to
   * this size; a larger upload is copied here, in parts, before the pipeline starts.
   */
  public static final long MAX_COPY_OBJECT_BYTES = 5L * 1024 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(TriggerService.class);

  private final TriggerConfig config;
  private final ObjectReader objects;
  private final ExecutionStarter executions;
  private final Notifier notifier;
  private final LargeUploads largeUploads;
  private final Object settingsDocument;

  /**
   * @param config settings and target ARNs
   * @param objects reads the object's first bytes
   * @param executions starts the pipeline
   * @param notifier publishes rejections
   */
  public TriggerService(TriggerConfig config, ObjectReader objects, ExecutionStarter executions,
      Notifier notifier) {
    this(config, objects, executions, notifier, null);
  }

  /**
   * @param config settings and target ARNs
   * @param objects reads the object's first bytes
   * @param executions starts the pipeline
   * @param notifier publishes rejections
   * @param largeUploads copies uploads over {@link #MAX_COPY_OBJECT_BYTES} in parts, or {@code null}
   *     to reject them
   */
  public TriggerService(TriggerConfig config, ObjectReader objects, ExecutionStarter executions,
      Notifier notifier, LargeUploads largeUploads) {
    this.config = config;
    this.objects = objects;
    this.executions = executions;
    this.notifier = notifier;
    this.largeUploads = largeUploads;
    this.settingsDocument = PipelineInput.settingsDocument(config.settings());
  }

  /**
   * Where and how uploads too large for the pipeline's CopyObject are pinned.
   *
   * @param artifactsBucket the artefacts bucket ({@code ARTIFACTS_BUCKET}), whose
   *     {@code runs/<execution>/input/dataset.csv} Preprocess reads
   * @param pinner the multipart copy
   */
  public record LargeUploads(String artifactsBucket, DatasetPinner pinner) {}

  /**
   * @param upload the new object
   * @return started (possibly by an earlier duplicate event), rejected, or ignored (a console folder)
   */
  public TriggerResult handle(UploadEvent upload) {
    String uri = upload.object().uri();
    if (isFolderMarker(upload)) {
      // "Create folder" in the S3 console writes a zero-byte object whose key ends in '/': not an
      // upload to reject (and e-mail about), just nothing to do.
      LOG.info("ignoring folder marker " + uri);
      return new TriggerResult.Ignored(uri, "a folder marker (zero bytes, key ending in '/')");
    }
    try {
      check(upload);
    } catch (InvalidDatasetException e) {
      LOG.warn(e.getMessage());
      notifier.notify("Rookery: dataset upload rejected",
          "The upload " + uri + " (version " + upload.version() + ") was rejected: "
              + e.reason() + ".\nNothing was started. Fix the file and upload it again.");
      return new TriggerResult.Rejected(uri, e.reason());
    }
    String name = Names.pipelineExecution(upload.object().bucket(), upload.object().key(),
        upload.version());
    boolean pinned = upload.size() > MAX_COPY_OBJECT_BYTES;
    if (pinned) {
      S3Location input = new S3Location(largeUploads.artifactsBucket(),
          "runs/" + name + "/input/dataset.csv");
      LOG.info("copying " + uri + " (" + upload.size() + " bytes, over CopyObject's 5 GiB) to "
          + input.uri() + " in parts");
      largeUploads.pinner().pin(upload.object(), upload.versionId(), upload.quotedEtag(),
          upload.size(), input);
    }
    ExecutionStarter.Started started = executions.start(config.stateMachineArn(), name,
        Json.toJson(PipelineInput.of(upload, pinned, settingsDocument, name)));
    LOG.info((started.started() ? "started " : "already started (duplicate event) ")
        + started.executionArn() + " for " + uri);
    return new TriggerResult.Started(started.executionArn(), started.started());
  }

  private static boolean isFolderMarker(UploadEvent upload) {
    return upload.size() == 0 && upload.object().key().endsWith("/");
  }

  private void check(UploadEvent upload) {
    String uri = upload.object().uri();
    boolean csvName = upload.object().key().toLowerCase(Locale.ROOT).endsWith(".csv");
    if (upload.size() == 0) {
      throw new InvalidDatasetException(uri, "the object is empty (0 bytes)");
    }
    if (upload.size() > MAX_COPY_OBJECT_BYTES && largeUploads == null) {
      throw new InvalidDatasetException(uri, "the object is " + upload.size() + " bytes, over S3"
          + " CopyObject's 5 GiB, and this trigger has no ARTIFACTS_BUCKET to copy it to in parts");
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
}
