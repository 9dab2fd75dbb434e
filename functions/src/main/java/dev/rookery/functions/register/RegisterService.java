package dev.rookery.functions.register;

import dev.rookery.functions.common.Names;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.runs.RunRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a model that passed the gate as a new version of the environment's model package group.
 *
 * <p>Idempotent: the {@code ClientToken} is derived from the execution name, so a retried task gets
 * the version the first attempt created instead of a second one.
 *
 * @param config group, image, approval status, instance types
 * @param registry the model registry
 * @param runs where the run records are
 */
public record RegisterService(
    RegisterConfig config, SageMakerRegistry registry, RunRecordStore runs) {
  /** Request content types the inference server accepts (and data capture records as CSV/JSON). */
  public static final List<String> CONTENT_TYPES =
      List.of("text/csv", "application/json", "application/jsonlines");
  /** Response types the inference server produces. */
  public static final List<String> RESPONSE_TYPES = List.of("application/json", "text/csv");
  /** SageMaker's limits on {@code CustomerMetadataProperties} (API_CreateModelPackage). */
  static final int MAX_PROPERTIES = 50;
  static final int MAX_KEY = 128;
  static final int MAX_VALUE = 256;

  private static final Logger LOG = LoggerFactory.getLogger(RegisterService.class);

  /**
   * @param request the pipeline state
   * @return the new version
   */
  public RegisteredModel register(RegisterRequest request) {
    // The run record the evaluate job wrote, completed with what only this step knows: the
    // settings, every trial, the gate's verdict (this step runs only for a model that passed),
    // then the model version. The package names the record, and the record the package.
    RunRecord draft = runs.read(request.run().uri());
    if (!draft.runId().equals(request.executionName())) {
      throw new InvalidEventException("run.uri", request.run().uri() + " is the record of run " + draft.runId()
          + ", not of execution " + request.executionName());
    }
    Instant now = Instant.now();
    RunRecord record = draft.withConfigAndTuning(request.run().settings(),
            new RunRecord.Tuning(request.run().strategy(), draft.tuning().objective(),
                request.run().trials().isEmpty() ? draft.tuning().trials() : request.run().trials(),
                request.training().jobName()), now)
        .withGate(new RunRecord.Gate("PASSED", request.run().accuracyThreshold(), request.evaluation().accuracy(),
            Optional.empty(), Optional.empty()), now);
    String group = config.modelPackageGroupName();
    if (!registry.groupExists(group)) {
      LOG.info("creating model package group " + group);
      registry.createGroup(group, "Rookery models (created by the register function)");
    }
    String description = "Rookery model from execution " + request.executionName()
        + ", training job " + request.training().jobName()
        + ", accuracy " + request.evaluation().accuracy();
    ModelPackageSpec spec = new ModelPackageSpec(group, clientToken(request.executionName()),
        new ModelPackageSpec.Inference(config.imageUri(), request.training().modelDataUrl(),
            CONTENT_TYPES, RESPONSE_TYPES, config.inferenceInstanceTypes(),
            config.transformInstanceTypes()),
        new ModelPackageSpec.Metrics(request.evaluation().modelQualityUri("statistics.json"),
            request.evaluation().modelQualityUri("constraints.json"),
            request.baseline().statisticsUri(), request.baseline().constraintsUri()),
        new ModelPackageSpec.Listing(description, metadata(request, record), config.approvalStatus()));
    String arn = registry.createModelPackage(spec);
    LOG.info("registered " + arn + " as " + config.approvalStatus());
    RegisteredModel model = new RegisteredModel(arn, RegisteredModel.versionOf(arn), config.approvalStatus());
    runs.write(request.run().uri(), record.withModel(
        new RunRecord.Model(model.modelPackageVersion(), model.approvalStatus(), Optional.of(arn)), Instant.now()));
    return model;
  }

  /** 32 hex digits of sha256 of the execution name: fits ClientToken's 36 characters. */
  static String clientToken(String executionName) {
    return Names.sha256Hex("register/" + executionName).substring(0, 32);
  }

  /**
   * Provenance as customer metadata, within SageMaker's limits: 50 entries (hyperparameters past
   * that are left out, and logged), keys of 128 and values of 256 characters, and only the
   * characters SageMaker accepts (letters, digits, spaces and {@code _.:/=+-@}; others become
   * {@code _}).
   */
  static Map<String, String> metadata(RegisterRequest request, RunRecord record) {
    Map<String, String> properties = new LinkedHashMap<>();
    // Lineage: the version leads to its run record and to the exact bytes it was trained on.
    put(properties, "run_id", record.runId());
    put(properties, "run_json", request.run().uri());
    put(properties, "dataset_sha256", record.dataset().sha256());
    put(properties, "dataset_uri", request.dataset().uri());
    put(properties, "dataset_version", request.dataset().version());
    put(properties, "execution", request.executionName());
    put(properties, "training_job", request.training().jobName());
    // Every digit (the shortest text that reads back as the same double): the pipeline's
    // gate.must_beat_approved compares a new model's accuracy with this value, strictly, so a
    // rounded copy would let a model that only ties the approved one pass.
    put(properties, "accuracy", BigDecimal.valueOf(request.evaluation().accuracy()).toPlainString());
    for (Map.Entry<String, String> hp : new java.util.TreeMap<>(request.training().hyperparameters()).entrySet()) {
      if (properties.size() >= MAX_PROPERTIES) {
        LOG.warn("CustomerMetadataProperties full (" + MAX_PROPERTIES + "): hyperparameter "
            + hp.getKey() + " left out");
        continue;
      }
      put(properties, "hp_" + hp.getKey(), hp.getValue());
    }
    return properties;
  }

  private static void put(Map<String, String> properties, String key, String value) {
    properties.put(clean(key, MAX_KEY), clean(value, MAX_VALUE));
  }

  private static String clean(String text, int max) {
    String cleaned = text.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "_");
    return cleaned.length() > max ? cleaned.substring(0, max) : cleaned;
  }
}
