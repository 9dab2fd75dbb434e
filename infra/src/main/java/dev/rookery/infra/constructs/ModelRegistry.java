package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
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
   * @param removalPolicy what {@code cdk destroy} does with the group: SageMaker refuses to delete
   *     a group that still holds model versions, so {@code DESTROY} fails on any stack that has
   *     registered a model; {@code RETAIN} keeps the group and its versions
   */
  public record Props(String groupName, String description, RemovalPolicy removalPolicy) {
    /** Checks the name against SageMaker's pattern. */
    public Props {
      if (groupName == null || !GROUP_NAME.matcher(groupName).matches()) {
        throw new IllegalArgumentException(
            "groupName must match " + GROUP_NAME + ", found '" + groupName + "'");
      }
      description = description == null ? "" : description;
      Objects.requireNonNull(removalPolicy, "removalPolicy");
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
    group.applyRemovalPolicy(props.removalPolicy());
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
   * Register new versions in this group: RegisterService describes the group, creates it if it is
   * missing (a group deleted by hand, or registering before the stack's group exists), and
   * creates the version. No {@code sagemaker:AddTags}: nothing is tagged at creation.
   *
   * @param grantee the register function
   * @return the grant
   */
  public Grant grantRegister(IGrantable grantee) {
    Grants.allow(grantee,
        List.of("sagemaker:DescribeModelPackageGroup",
            "sagemaker:CreateModelPackageGroup"),
        List.of(groupArn()));
    return Grants.allow(grantee,
        List.of("sagemaker:CreateModelPackage"),
        List.of(modelPackagesArn()));
  }

  /**
   * The group's ARN, built from its name rather than the resource's attribute: the register
   * function may have to create the group, so the grant cannot depend on it existing.
   */
  private String groupArn() {
    return Stack.of(this).formatArn(ArnComponents.builder()
        .service("sagemaker").resource("model-package-group")
        .resourceName(groupName.toLowerCase(Locale.ROOT))
        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
  }

  /**
   * Read the group's versions (DescribeModelPackage).
   *
   * @param grantee a function that deploys registered versions
   * @return the grant
   */
  public Grant grantDescribeVersions(IGrantable grantee) {
    return Grants.allow(grantee,
        List.of("sagemaker:DescribeModelPackage"),
        List.of(modelPackagesArn()));
  }
}
