package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The role SageMaker assumes for Rookery's processing, training and monitoring jobs and for the
 * endpoint's model: read the data bucket, read and write the artefacts bucket (outputs, models,
 * capture, monitoring reports), pull the Rookery image, write its job logs and publish its
 * metrics. Nothing else.
 */
public final class SageMakerExecutionRole extends Construct {
  private static final String SAGEMAKER = "sagemaker.amazonaws.com";

  private final Role role;

  /**
   * @param dataBucket the bucket datasets are read from
   * @param artifactsBucket the bucket jobs write to
   * @param imageRepository the repository of the Rookery image
   */
  public record Props(IBucket dataBucket, IBucket artifactsBucket, IRepository imageRepository) {
    /** Checks that nothing is missing. */
    public Props {
      Objects.requireNonNull(dataBucket, "dataBucket");
      Objects.requireNonNull(artifactsBucket, "artifactsBucket");
      Objects.requireNonNull(imageRepository, "imageRepository");
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public SageMakerExecutionRole(Construct scope, String id, Props props) {
    super(scope, id);
    role = Role.Builder.create(this, "Role")
        .assumedBy(new ServicePrincipal(SAGEMAKER))
        .description("Rookery SageMaker jobs and endpoint")
        .build();
    // The execution-role permissions AWS lists for tuning/training, processing and CreateModel:
    // S3 Get/Put/ListBucket, ECR GetAuthorizationToken + BatchCheckLayerAvailability +
    // GetDownloadUrlForLayer + BatchGetImage, CloudWatch PutMetricData, Logs CreateLogGroup /
    // CreateLogStream / PutLogEvents / DescribeLogStreams (SageMaker developer guide,
    // sagemaker-roles.md, "... API: Execution Role Permissions"), scoped to this stack's buckets,
    // the image's repository (grantPull) and /aws/sagemaker/* log groups.
    props.dataBucket().grantRead(role);
    props.artifactsBucket().grantReadWrite(role);
    props.imageRepository().grantPull(role);
    Stack stack = Stack.of(this);
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("SageMakerJobLogs")
        .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
            "logs:DescribeLogStreams"))
        .resources(List.of(stack.formatArn(software.amazon.awscdk.ArnComponents.builder()
            .service("logs").resource("log-group").resourceName("/aws/sagemaker/*")
            .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME).build())))
        .build());
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("SageMakerMetrics")
        .actions(List.of("cloudwatch:PutMetricData"))
        .resources(List.of("*"))
        .conditions(Map.of("StringLike", Map.of("cloudwatch:namespace",
            List.of("/aws/sagemaker/*", "aws/sagemaker/*"))))
        .build());
    Nag.suppress(role, "AwsSolutions-IAM5",
        "S3 object wildcards come from grantRead/grantReadWrite on this stack's two buckets;"
            + " SageMaker names its log streams per job inside /aws/sagemaker/*;"
            + " ecr:GetAuthorizationToken and cloudwatch:PutMetricData have no resource-level"
            + " permissions (PutMetricData is limited to the SageMaker namespaces by condition).",
        "Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*",
        "Action::s3:DeleteObject*", "Action::s3:Abort*",
        "regex:/^Resource::<.*(Data|Artifacts)[0-9A-F]{8}\\.Arn>\\/\\*$/",
        "regex:/^Resource::arn:.+:logs:.+:log-group:\\/aws\\/sagemaker\\/\\*$/",
        "Resource::*");
  }

  /** @return the role */
  public IRole getRole() {
    return role;
  }

  /**
   * Lets the grantee hand this role to SageMaker, and to nothing else
   * ({@code iam:PassedToService = sagemaker.amazonaws.com}).
   *
   * @param grantee who creates SageMaker jobs, models or schedules with this role
   * @return the grant
   */
  public Grant grantPassRole(IGrantable grantee) {
    return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(grantee)
        .actions(List.of("iam:PassRole"))
        .resourceArns(List.of(role.getRoleArn()))
        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", SAGEMAKER)))
        .build());
  }
}
