package dev.rookery.functions.register;

/** Port: the SageMaker model registry. */
public interface SageMakerRegistry {
  /** @return whether the model package group exists */
  boolean groupExists(String groupName);

  /**
   * Creates the group; a group created meanwhile by someone else is not an error.
   *
   * @param groupName the group
   * @param description its description
   */
  void createGroup(String groupName, String description);

  /**
   * @param spec the version to create
   * @return the new (or, for a repeated client token, the existing) model package ARN
   */
  String createModelPackage(ModelPackageSpec spec);
}
