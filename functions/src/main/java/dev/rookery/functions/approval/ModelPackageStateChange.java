package dev.rookery.functions.approval;

import dev.rookery.functions.common.EventBridgeEvents;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.util.Map;

/**
 * The parts of an EventBridge "SageMaker Model Package State Change" event the handler uses.
 *
 * @param groupName {@code detail.ModelPackageGroupName}
 * @param modelPackageArn {@code detail.ModelPackageArn}
 * @param approvalStatus {@code detail.ModelApprovalStatus}
 * @param eventId the event's {@code id}: the same for every delivery of one event, so it names a
 *     re-approval's deployment deterministically
 * @param registeredBy {@code detail.CustomerMetadataProperties.execution}: the pipeline run that
 *     registered the package (RegisterService writes it), or {@code null} for one registered
 *     elsewhere or an event without the properties
 */
public record ModelPackageStateChange(String groupName, String modelPackageArn,
    String approvalStatus, String eventId, String registeredBy) {
  /** A change without the registering run. */
  public ModelPackageStateChange(String groupName, String modelPackageArn, String approvalStatus,
      String eventId) {
    this(groupName, modelPackageArn, approvalStatus, eventId, null);
  }

  /**
   * @return the correlation id this deployment is logged under: the run that registered the
   *     package, so one upload's lines are found from trigger to deployment; else the event's id
   */
  public String correlationId() {
    return registeredBy != null ? registeredBy : eventId;
  }

  /**
   * @param event the whole event
   * @return the change
   * @throws InvalidEventException naming the first missing or malformed field
   */
  public static ModelPackageStateChange parse(Map<String, Object> event) {
    Map<String, Object> detail = EventBridgeEvents.detail(event, "aws.sagemaker", "SageMaker Model Package State Change");
    return new ModelPackageStateChange(
        Json.text(detail, "ModelPackageGroupName", "detail.ModelPackageGroupName"),
        Json.text(detail, "ModelPackageArn", "detail.ModelPackageArn"),
        Json.text(detail, "ModelApprovalStatus", "detail.ModelApprovalStatus"),
        Json.text(event, "id", "id"),
        registeredBy(detail));
  }

  private static String registeredBy(Map<String, Object> detail) {
    Object properties = detail.get("CustomerMetadataProperties");
    if (properties == null) {
      return null;
    }
    return Json.optionalText(Json.asObject(properties, "detail.CustomerMetadataProperties"),
        "execution", "detail.CustomerMetadataProperties.execution");
  }
}
