package dev.rookery.functions.deploy;

import dev.rookery.functions.common.Names;
import dev.rookery.functions.exceptions.EndpointBusyException;
import dev.rookery.functions.exceptions.EndpointFailedException;
import dev.rookery.functions.exceptions.EndpointNotUpdatableException;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.exceptions.ModelPackageNotApprovedException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys an approved model package to the environment's endpoint.
 *
 * <p>Order: approval check, endpoint state check (nothing is created while the endpoint is busy),
 * model, endpoint config, then CreateEndpoint or UpdateEndpoint. Model and config names are derived
 * from the package ARN (and, for the config, every setting it holds), and each is described before
 * it is created, so a retry reuses them and never makes a duplicate.
 *
 * @param config endpoint, variant, capture and strategy settings
 * @param sageMaker the hosting calls
 */
public record DeployService(DeployConfig config, EndpointDeployer sageMaker) {
  /** Transitional states: retry later ({@link EndpointBusyException}). */
  public static final Set<String> BUSY =
      Set.of("Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting");

  private static final Logger LOG = LoggerFactory.getLogger(DeployService.class);

  /**
   * Deploys without touching a Failed endpoint.
   *
   * @param modelPackageArn an approved model package version
   * @return what was done
   * @see #deploy(String, boolean)
   */
  public Deployment deploy(String modelPackageArn) {
    return deploy(modelPackageArn, false);
  }

  /**
   * @param modelPackageArn an approved model package version
   * @param replaceFailedEndpoint delete a Failed endpoint (then report it busy while it is deleted)
   *     instead of throwing {@link EndpointFailedException}: the deploy state machine's second try
   * @return what was done
   * @throws ModelPackageNotApprovedException if its status is not Approved
   * @throws EndpointBusyException if the endpoint is in a transitional state, or was just deleted
   * @throws EndpointFailedException if the endpoint is Failed and {@code replaceFailedEndpoint} is false
   * @throws EndpointNotUpdatableException if the endpoint is otherwise stuck (OutOfService,
   *     UpdateRollbackFailed: it may still serve traffic, so it is never deleted)
   */
  public Deployment deploy(String modelPackageArn, boolean replaceFailedEndpoint) {
    if (!modelPackageArn.startsWith("arn:") || !modelPackageArn.contains(":model-package/")) {
      throw new InvalidEventException("modelPackageArn",
          "must be a SageMaker model package ARN, found '" + modelPackageArn + "'");
    }
    String status = sageMaker.approvalStatus(modelPackageArn);
    if (!"Approved".equals(status)) {
      throw new ModelPackageNotApprovedException(modelPackageArn, status);
    }
    String endpoint = config.endpointName();
    String modelName = modelName(modelPackageArn);
    String configName = endpointConfigName(modelPackageArn, modelName);
    Optional<EndpointDeployer.EndpointState> state = sageMaker.endpoint(endpoint);
    if (state.isPresent()) {
      String endpointStatus = state.get().status();
      if (BUSY.contains(endpointStatus)) {
        throw new EndpointBusyException(endpoint, endpointStatus);
      }
      if ("Failed".equals(endpointStatus)) {
        if (!replaceFailedEndpoint) {
          throw new EndpointFailedException(endpoint, state.get().failureReason());
        }
        sageMaker.deleteEndpoint(endpoint);
        LOG.warn("deleting Failed endpoint " + endpoint + " (" + state.get().failureReason()
            + ") to create it again with " + modelPackageArn);
        throw new EndpointBusyException(endpoint, "Deleting (it was Failed and is deleted to be created again)");
      }
      if (!"InService".equals(endpointStatus)) {
        throw new EndpointNotUpdatableException(endpoint, endpointStatus);
      }
      if (configName.equals(state.get().endpointConfigName())) {
        LOG.info(endpoint + " already runs " + configName + ": nothing to do");
        return new Deployment(endpoint, configName, modelName, Deployment.Action.UPDATE);
      }
    }
    ensureModel(modelName, modelPackageArn);
    ensureEndpointConfig(configName, modelName);
    if (state.isEmpty()) {
      sageMaker.createEndpoint(endpoint, configName);
      LOG.info("creating endpoint " + endpoint + " with " + configName);
      return new Deployment(endpoint, configName, modelName, Deployment.Action.CREATE);
    }
    sageMaker.updateEndpoint(endpoint, configName, policy());
    LOG.info("updating endpoint " + endpoint + " from " + state.get().endpointConfigName() + " to "
        + configName + " (" + config.rollout().strategy() + ")");
    return new Deployment(endpoint, configName, modelName, Deployment.Action.UPDATE);
  }

  /**
   * The blue/green policy: none for a plain all-at-once update without alarms (SageMaker's default
   * blue/green), else the documented defaults of {@link DeploymentPolicy} with the rollback alarms.
   */
  DeploymentPolicy policy() {
    if (config.rollout().strategy() == DeploymentStrategy.ALL_AT_ONCE && config.rollout().rollbackAlarms().isEmpty()) {
      return null;
    }
    return DeploymentPolicy.defaults(config.rollout().strategy(), config.rollout().rollbackAlarms());
  }

  private void ensureModel(String modelName, String modelPackageArn) {
    if (sageMaker.modelExists(modelName)) {
      LOG.info("reusing model " + modelName);
      return;
    }
    sageMaker.createModel(modelName, modelPackageArn, config.roleArn());
  }

  private void ensureEndpointConfig(String configName, String modelName) {
    if (sageMaker.endpointConfigExists(configName)) {
      LOG.info("reusing endpoint config " + configName);
      return;
    }
    sageMaker.createEndpointConfig(new EndpointConfigSpec(configName, modelName,
        config.variantName(), config.fleet(), config.capture()));
  }

  /** {@code <endpoint>-m<version>-<8 hex of the ARN>}, at most 63 characters. */
  String modelName(String modelPackageArn) {
    return Names.sageMaker(config.endpointName(),
        "m" + version(modelPackageArn) + "-" + Names.sha256Hex(modelPackageArn).substring(0, 8));
  }

  /**
   * {@code <endpoint>-c<version>-<10 hex>}, the hash over the ARN and every setting the config
   * holds: changing the capture percentage or the instance type makes a new config, a retry does not.
   */
  String endpointConfigName(String modelPackageArn, String modelName) {
    String settings = String.join("|", modelPackageArn, modelName, config.variantName(),
        config.fleet().instanceType(), Integer.toString(config.fleet().instanceCount()),
        Integer.toString(config.capture().percent()), config.capture().s3Uri(),
        String.join(",", EndpointConfigSpec.CSV_TYPES), String.join(",", EndpointConfigSpec.JSON_TYPES));
    return Names.sageMaker(config.endpointName(),
        "c" + version(modelPackageArn) + "-" + Names.sha256Hex(settings).substring(0, 10));
  }

  private static String version(String arn) {
    String last = arn.substring(arn.lastIndexOf('/') + 1);
    return last.matches("\\d{1,9}") ? last : "0";
  }
}
