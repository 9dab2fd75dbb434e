package dev.rookery.functions.approval;

import dev.rookery.functions.common.ExecutionStarter;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Starts the deploy state machine for a package approved in this environment's group. The execution
 * name is the one the pipeline's Deploy step uses, {@code <group>-<version>} from the package ARN
 * ({@link Names#deployExecution}), so SageMaker's repeated events, and an auto-approved package the
 * pipeline deploys itself, make one deployment.
 */
public final class DeployOnApprovalService {
  private static final Logger LOG = Logger.getLogger(DeployOnApprovalService.class.getName());

  private final ApprovalConfig config;
  private final ExecutionStarter executions;

  /**
   * @param config group and deploy state machine
   * @param executions starts executions
   */
  public DeployOnApprovalService(ApprovalConfig config, ExecutionStarter executions) {
    this.config = config;
    this.executions = executions;
  }

  /**
   * @param change the state change
   * @return started, duplicate, or ignored (another group, or not Approved)
   * @throws InvalidEventException when the approved package's ARN is not a versioned package ARN
   */
  public ApprovalOutcome handle(ModelPackageStateChange change) {
    if (!config.modelPackageGroupName().equals(change.groupName())) {
      String why = "group " + change.groupName() + " is not " + config.modelPackageGroupName();
      LOG.info("ignoring " + change.modelPackageArn() + ": " + why);
      return new ApprovalOutcome(null, false, why);
    }
    if (!"Approved".equals(change.approvalStatus())) {
      String why = "ModelApprovalStatus is " + change.approvalStatus() + ", not Approved";
      LOG.info("ignoring " + change.modelPackageArn() + ": " + why);
      return new ApprovalOutcome(null, false, why);
    }
    ExecutionStarter.Started started = executions.start(config.deployStateMachineArn(),
        executionName(change.modelPackageArn()),
        Json.toJson(Map.of("modelPackageArn", change.modelPackageArn())));
    LOG.info((started.started() ? "started " : "already started (duplicate event) ")
        + started.executionArn());
    return new ApprovalOutcome(started.executionArn(), started.started(), null);
  }

  /** {@code <group>-<version>}, the pipeline's name for the same deployment. */
  static String executionName(String modelPackageArn) {
    try {
      return Names.deployExecution(modelPackageArn);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException("detail.ModelPackageArn", e.getMessage());
    }
  }
}
