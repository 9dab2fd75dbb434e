package dev.rookery.functions.deploy;

import java.util.Optional;

/** Port: the SageMaker hosting calls of a deployment. */
public interface EndpointDeployer {
  /** @return the package's {@code ModelApprovalStatus} */
  String approvalStatus(String modelPackageArn);

  /** @return whether a model of that name exists */
  boolean modelExists(String modelName);

  /** Creates a model from a model package ({@code Containers[{ModelPackageName}]}). */
  void createModel(String modelName, String modelPackageArn, String roleArn);

  /** @return whether an endpoint config of that name exists */
  boolean endpointConfigExists(String endpointConfigName);

  /** Creates the endpoint config. */
  void createEndpointConfig(EndpointConfigSpec spec);

  /** @return the endpoint's status and config, or empty if there is no such endpoint */
  Optional<EndpointState> endpoint(String endpointName);

  /** Starts deleting the endpoint (it is {@code Deleting} until it is gone). */
  void deleteEndpoint(String endpointName);

  /** Creates the endpoint. */
  void createEndpoint(String endpointName, String endpointConfigName);

  /**
   * Points the endpoint at a new config.
   *
   * @param policy blue/green routing and rollback, or {@code null} for SageMaker's default
   */
  void updateEndpoint(String endpointName, String endpointConfigName, DeploymentPolicy policy);

  /**
   * @param status {@code EndpointStatus}, e.g. {@code InService}
   * @param endpointConfigName the config it runs
   * @param failureReason SageMaker's {@code FailureReason}, or {@code null}
   */
  record EndpointState(String status, String endpointConfigName, String failureReason) {
    /** A state without a FailureReason. */
    public EndpointState(String status, String endpointConfigName) {
      this(status, endpointConfigName, null);
    }
  }
}
