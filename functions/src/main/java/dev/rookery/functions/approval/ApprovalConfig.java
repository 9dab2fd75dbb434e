package dev.rookery.functions.approval;

import dev.rookery.functions.common.Environment;

/**
 * The approval handler's environment.
 *
 * @param modelPackageGroupName {@code MODEL_PACKAGE_GROUP_NAME}: the only group it deploys from
 * @param deployStateMachineArn {@code DEPLOY_STATE_MACHINE_ARN}
 * @param endpointName {@code ENDPOINT_NAME}: the endpoint whose served version an approval must be
 *     newer than
 */
public record ApprovalConfig(String modelPackageGroupName, String deployStateMachineArn,
    String endpointName) {
  /**
   * @param env the environment
   * @return the config
   */
  public static ApprovalConfig from(Environment env) {
    return new ApprovalConfig(env.required("MODEL_PACKAGE_GROUP_NAME"),
        env.required("DEPLOY_STATE_MACHINE_ARN"), env.required("ENDPOINT_NAME"));
  }
}
