package dev.rookery.functions.testutils;

import dev.rookery.functions.deploy.DeploymentPolicy;
import dev.rookery.functions.deploy.EndpointConfigSpec;
import dev.rookery.functions.deploy.EndpointDeployer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EndpointDeployer} keeping SageMaker's state in maps. Creating a duplicate model or config
 * fails as SageMaker does, so a service that skips its existence check is caught.
 */
public final class InMemoryEndpointDeployer implements EndpointDeployer {
  /** Approval status by package ARN. */
  public final Map<String, String> packages = new HashMap<>();
  /** Models: name to package ARN. */
  public final Map<String, String> models = new LinkedHashMap<>();
  /** Endpoint configs by name. */
  public final Map<String, EndpointConfigSpec> configs = new LinkedHashMap<>();
  /** Endpoints by name. */
  public final Map<String, EndpointState> endpoints = new LinkedHashMap<>();
  /** Mutating calls, e.g. {@code CreateModel name}. */
  public final List<String> calls = new ArrayList<>();
  /** The policy of each UpdateEndpoint (null entries for none). */
  public final List<DeploymentPolicy> policies = new ArrayList<>();

  @Override
  public String approvalStatus(String modelPackageArn) {
    String status = packages.get(modelPackageArn);
    if (status == null) {
      throw new IllegalStateException("no model package " + modelPackageArn);
    }
    return status;
  }

  @Override
  public boolean modelExists(String modelName) {
    return models.containsKey(modelName);
  }

  @Override
  public void createModel(String modelName, String modelPackageArn, String roleArn) {
    if (models.putIfAbsent(modelName, modelPackageArn) != null) {
      throw new IllegalStateException("Cannot create already existing model " + modelName);
    }
    calls.add("CreateModel " + modelName);
  }

  @Override
  public boolean endpointConfigExists(String endpointConfigName) {
    return configs.containsKey(endpointConfigName);
  }

  @Override
  public void createEndpointConfig(EndpointConfigSpec spec) {
    if (configs.putIfAbsent(spec.name(), spec) != null) {
      throw new IllegalStateException("Cannot create already existing endpoint config " + spec.name());
    }
    calls.add("CreateEndpointConfig " + spec.name());
  }

  @Override
  public Optional<EndpointState> endpoint(String endpointName) {
    return Optional.ofNullable(endpoints.get(endpointName));
  }

  @Override
  public void deleteEndpoint(String endpointName) {
    EndpointState state = endpoints.get(endpointName);
    if (state == null) {
      throw new IllegalStateException("Could not find endpoint " + endpointName);
    }
    endpoints.put(endpointName, new EndpointState("Deleting", state.endpointConfigName()));
    calls.add("DeleteEndpoint " + endpointName);
  }

  @Override
  public void createEndpoint(String endpointName, String endpointConfigName) {
    EndpointState existing = endpoints.get(endpointName);
    if (existing != null) {
      throw new IllegalStateException("Cannot create already existing endpoint " + endpointName
          + " (" + existing.status() + ")");
    }
    endpoints.put(endpointName, new EndpointState("Creating", endpointConfigName));
    calls.add("CreateEndpoint " + endpointName + " " + endpointConfigName);
  }

  @Override
  public void updateEndpoint(String endpointName, String endpointConfigName, DeploymentPolicy policy) {
    endpoints.put(endpointName, new EndpointState("Updating", endpointConfigName));
    calls.add("UpdateEndpoint " + endpointName + " " + endpointConfigName);
    policies.add(policy);
  }
}
