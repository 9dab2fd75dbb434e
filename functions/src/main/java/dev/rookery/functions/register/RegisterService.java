package dev.rookery.functions.register;

import dev.rookery.functions.common.Names;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Registers a model that passed the gate as a new version of the environment's model package group.
 *
 * <p>Idempotent: the {@code ClientToken} is derived from the execution name, so a retried task gets
 * the version the first attempt created instead of a second one.
 */
public final class RegisterService {
  /** Request content types the inference server accepts (and data capture records as CSV/JSON). */
  public static final List<String> CONTENT_TYPES =
      List.of("text/csv", "application/json", "application/jsonlines");
  /** Response types the inference server produces. */
  public static final List<String> RESPONSE_TYPES = List.of("application/json", "text/csv");
  /** SageMaker's limits on {@code CustomerMetadataProperties} (API_CreateModelPackage). */
  static final int MAX_PROPERTIES = 50;
  static final int MAX_KEY = 128;
  static final int MAX_VALUE = 256;

  private static final Logger LOG = Logger.getLogger(RegisterService.class.getName());

  private final RegisterConfig config;
  private final SageMakerRegistry registry;

  /**
   * @param config group, image, approval status, instance types
   * @param registry the model registry
   */
  public RegisterService(RegisterConfig config, SageMakerRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  /**
   * @param request the pipeline state
   * @return the new version
   */
  public RegisteredModel register(RegisterRequest request) {
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
        new ModelPackageSpec.Listing(description, metadata(request), config.approvalStatus()));
    String arn = registry.createModelPackage(spec);
    LOG.info("registered " + arn + " as " + config.approvalStatus());
    return new RegisteredModel(arn, RegisteredModel.versionOf(arn), config.approvalStatus());
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
  static Map<String, String> metadata(RegisterRequest request) {
    Map<String, String> properties = new LinkedHashMap<>();
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
        LOG.warning("CustomerMetadataProperties full (" + MAX_PROPERTIES + "): hyperparameter "
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
