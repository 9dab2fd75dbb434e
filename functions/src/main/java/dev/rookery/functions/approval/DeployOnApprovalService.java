package dev.rookery.functions.approval;

import dev.rookery.functions.common.ExecutionStarter;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>SageMaker sends a state change event for every change of an Approved version (a metadata edit,
 * a description, an approval again), so the event alone does not mean "deploy this". A version is
 * deployed only when it is newer than the version the endpoint serves ({@link ServedPackageFinder}),
 * or when the served version is no longer Approved: an explicit rollback is "reject the serving
 * version, then approve (or approve again) the version to go back to".
 *
 * @param config group, deploy state machine and endpoint
 * @param executions starts executions
 * @param served what the endpoint serves now
 */
public record DeployOnApprovalService(
    ApprovalConfig config, ExecutionStarter executions, ServedPackageFinder served) {
  private static final Logger LOG = LoggerFactory.getLogger(DeployOnApprovalService.class);

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
    String notNewer = notNewerThanServed(change.modelPackageArn());
    if (notNewer != null) {
      LOG.info("ignoring " + change.modelPackageArn() + ": " + notNewer);
      return new ApprovalOutcome(null, false, notNewer);
    }
    Map<String, Object> deployInput = new LinkedHashMap<>();
    deployInput.put("modelPackageArn", change.modelPackageArn());
    deployInput.put("correlationId", change.correlationId());
    String input = Json.toJson(deployInput);
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
   * Why the approved version must not replace the served one, or {@code null} to deploy it: it is
   * not newer than the served version of the same group, and that version is still Approved.
   */
  private String notNewerThanServed(String modelPackageArn) {
    ServedPackageFinder.ServedPackage current = served.find(config.endpointName()).orElse(null);
    if (current == null || !"Approved".equals(current.approvalStatus())) {
      return null;
    }
    Matcher now = Names.MODEL_PACKAGE_ARN.matcher(current.modelPackageArn());
    Matcher next = Names.MODEL_PACKAGE_ARN.matcher(modelPackageArn);
    if (!now.matches() || !next.matches() || !now.group(1).equals(next.group(1))) {
      return null;
    }
    long servedVersion = Long.parseLong(now.group(2));
    long version = Long.parseLong(next.group(2));
    if (version > servedVersion) {
      return null;
    }
    return "version " + version + " is not newer than version " + servedVersion + ", which endpoint "
        + config.endpointName() + " serves and is still Approved (to roll back to version " + version
        + ", reject version " + servedVersion + " first, then approve version " + version + " again)";
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
