package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.sagemaker.CfnModelPackageGroup;
import software.constructs.Construct;

/**
 * The environment's SageMaker model package group: every model that passes the gate is registered
 * here as a new version, with its metrics and baselines, approved at once or pending approval.
 */
public final class ModelRegistry extends Construct {
  private static final Pattern GROUP_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  private final CfnModelPackageGroup group;
  private final String groupName;

  /**
   * @param groupName the model package group name ({@code ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$})
   * @param description what the group holds
   */
  public record Props(String groupName, String description) {
    /** Checks the name against SageMaker's pattern. */
    public Props {
      if (groupName == null || !GROUP_NAME.matcher(groupName).matches()) {
        throw new IllegalArgumentException(
            "groupName must match " + GROUP_NAME + ", found '" + groupName + "'");
      }
      description = description == null ? "" : description;
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public ModelRegistry(Construct scope, String id, Props props) {
    super(scope, id);
    groupName = props.groupName();
    group = CfnModelPackageGroup.Builder.create(this, "Group")
        .modelPackageGroupName(groupName)
        .modelPackageGroupDescription(props.description())
        .build();
  }

  /** @return the model package group */
  public CfnModelPackageGroup getGroup() {
    return group;
  }

  /** @return the group name (a plain string, usable in event patterns and environment) */
  public String groupName() {
    return groupName;
  }

  /** @return the ARN of the group's model packages, {@code .../model-package/<group>/*} */
  public String modelPackagesArn() {
    // SageMaker lower-cases names inside ARNs.
    return Stack.of(this).formatArn(ArnComponents.builder()
        .service("sagemaker").resource("model-package")
        .resourceName(groupName.toLowerCase(Locale.ROOT) + "/*")
        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
  }

  /**
   * Register new versions in this group (and read them back).
   *
   * @param grantee the register function
   * @return the grant
   */
  public Grant grantRegister(IGrantable grantee) {
    return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(grantee)
        .actions(List.of("sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage",
            "sagemaker:DescribeModelPackageGroup", "sagemaker:AddTags"))
        .resourceArns(List.of(group.getAttrModelPackageGroupArn(), modelPackagesArn()))
        .build());
  }

  /**
   * Read the group and its versions.
   *
   * @param grantee a function that deploys registered versions
   * @return the grant
   */
  public Grant grantRead(IGrantable grantee) {
    return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(grantee)
        .actions(List.of("sagemaker:DescribeModelPackage", "sagemaker:DescribeModelPackageGroup"))
        .resourceArns(List.of(group.getAttrModelPackageGroupArn(), modelPackagesArn()))
        .build());
  }
}
