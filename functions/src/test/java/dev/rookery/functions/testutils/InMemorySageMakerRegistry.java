package dev.rookery.functions.testutils;

import dev.rookery.functions.register.ModelPackageSpec;
import dev.rookery.functions.register.SageMakerRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link SageMakerRegistry} with SageMaker's versioning and client-token idempotency. */
public final class InMemorySageMakerRegistry implements SageMakerRegistry {
  /** Groups that exist. */
  public final Set<String> groups = new LinkedHashSet<>();
  /** Groups created through this fake. */
  public final List<String> createdGroups = new ArrayList<>();
  /** Created versions, in order. */
  public final List<ModelPackageSpec> packages = new ArrayList<>();
  private final Map<String, String> arnByToken = new HashMap<>();

  @Override
  public boolean groupExists(String groupName) {
    return groups.contains(groupName);
  }

  @Override
  public void createGroup(String groupName, String description) {
    groups.add(groupName);
    createdGroups.add(groupName);
  }

  @Override
  public String createModelPackage(ModelPackageSpec spec) {
    if (!groups.contains(spec.groupName())) {
      throw new IllegalStateException("group " + spec.groupName() + " does not exist");
    }
    return arnByToken.computeIfAbsent(spec.clientToken(), token -> {
      packages.add(spec);
      long version = packages.stream().filter(p -> p.groupName().equals(spec.groupName())).count();
      return "arn:aws:sagemaker:us-east-1:111122223333:model-package/" + spec.groupName() + "/" + version;
    });
  }
}
