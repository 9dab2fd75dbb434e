package dev.rookery.functions.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rookery.functions.common.Json;
import dev.rookery.settings.PipelineSettings;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipeline state machine's execution input, built in one place for every starter: the trigger
 * (an upload) and the retraining function (the newest dataset when an alarm fires).
 */
public final class PipelineInput {
  private PipelineInput() {}

  /**
   * {@code {"dataset": {"uri","bucket","key","version","copySource","etag"}, "settings":
   * <pipeline.json, complete>}}: the pipeline copies exactly this version (copySource, etag) before
   * reading it; the settings hold every field (PipelineSettings.toJson), defaults filled in;
   * {@code "pinned": true} in {@code dataset} when the starter already copied it (over 5 GiB);
   * {@code correlationId}: the execution name, which every function logs as {@code correlation_id}.
   *
   * @param dataset the dataset object version
   * @param pinned whether it was already copied to the run's input
   * @param settingsDocument the parsed, complete pipeline settings
   * @param executionName the execution's name, the run's correlation id
   * @return the input, to be serialized as JSON
   */
  public static Map<String, Object> of(UploadEvent dataset, boolean pinned,
      Object settingsDocument, String executionName) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("uri", dataset.object().uri());
    part.put("bucket", dataset.object().bucket());
    part.put("key", dataset.object().key());
    part.put("version", dataset.version());
    part.put("copySource", dataset.copySource());
    part.put("etag", dataset.quotedEtag());
    if (pinned) {
      part.put("pinned", true);
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("dataset", part);
    input.put("settings", settingsDocument);
    input.put("correlationId", executionName);
    return input;
  }

  /**
   * The settings as the input's {@code settings} value: every field, defaults filled in by the
   * settings model, so the states never meet a missing one. Built once per service, not per event.
   *
   * @param settings the pipeline settings
   * @return them as plain JSON values
   */
  public static Object settingsDocument(PipelineSettings settings) {
    try {
      return Json.parse(settings.toJson());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
