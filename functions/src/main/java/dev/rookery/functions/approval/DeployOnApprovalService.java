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
 *
 * <p>Step Functions keeps a closed execution's name for 90 days, so a version approved again later
 * (e.g. to roll back to it) would hit {@code ExecutionAlreadyExists} too. So when the name exists,
 * its execution's status decides: {@code RUNNING} is the same deployment (a duplicate event, or the
 * pipeline deploying it), anything else is a new approval, started as
 * {@code <group>-<version>-<first 8 hex of sha256(event id)>}, so that one event delivered twice
 * still makes one deployment.
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
    String name = executionName(change.modelPackageArn());
    String input = Json.toJson(Map.of("modelPackageArn", change.modelPackageArn()));
    ExecutionStarter.Started started =
        executions.start(config.deployStateMachineArn(), name, input);
    if (started.started()) {
      LOG.info("started " + started.executionArn());
      return new ApprovalOutcome(started.executionArn(), true, null);
    }
    String status = executions.status(started.executionArn());
    if ("RUNNING".equals(status)) {
      LOG.info("already running (duplicate event) " + started.executionArn());
      return new ApprovalOutcome(started.executionArn(), false, null);
    }
    ExecutionStarter.Started again = executions.start(config.deployStateMachineArn(),
        reapprovalName(name, change.eventId()), input);
    LOG.info((again.started() ? "approved again after " : "already started (duplicate event) after ")
        + started.executionArn() + " ended " + status + ": " + again.executionArn());
    return new ApprovalOutcome(again.executionArn(), again.started(), null);
  }

  /**
   * {@code <group>-<version>-<first 8 hex of sha256(eventId)>}: a later approval of a version
   * whose deployment has ended. At most 63 + 1 + 10 + 9 characters for a SageMaker group name
   * (63) and version, so within Step Functions' 80.
   */
  static String reapprovalName(String deployName, String eventId) {
    if (eventId == null || eventId.isBlank()) {
      throw new InvalidEventException("id", "must not be blank, found '" + eventId + "'");
    }
    String name = deployName + "-" + Names.sha256Hex(eventId).substring(0, 8);
    if (name.length() > Names.MAX_EXECUTION_NAME) {
      throw new IllegalStateException(
          "execution name '" + name + "' exceeds " + Names.MAX_EXECUTION_NAME);
    }
    return name;
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
