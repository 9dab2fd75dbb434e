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
 * endpoint's model: the artefacts bucket's prefixes those jobs use, the Rookery image, its job
 * logs and its metrics. Nothing else.
 *
 * <p>S3, derived from the state machines and the Model Monitor schedule:
 * <ul>
 *   <li>{@code runs/*}, read and write: every pipeline job reads and writes
 *       {@code runs/<execution>/...} (the pinned input, the splits, the baseline, the models, the
 *       evaluation); the endpoint's model and the monitor job read a model or a baseline there.
 *   <li>{@code capture/*}, read and write: the monitor jobs read the endpoint's data capture, which
 *       SageMaker writes with this role (the model's execution role) to {@code DestinationS3Uri}.
 *   <li>{@code monitoring/baseline/*}, read: the Model Monitor schedule's baseline (the deploy
 *       state machine, not a job, writes it).
 *   <li>{@code monitoring/<endpoint>/*} (the processing engine's hourly folders) and
 *       {@code monitoring/reports/*} (the Model Monitor schedule's), write.
 *   <li>{@code ListBucket} only under those prefixes (processing inputs and training channels are
 *       {@code S3Prefix}).
 * </ul>
 * Not the data bucket: the pipeline's PinDataset state copies the validated upload into
 * {@code runs/<execution>/input/} before any job starts.
 */
public final class SageMakerExecutionRole extends Construct {
  private static final String SAGEMAKER = "sagemaker.amazonaws.com";

  private final Role role;

  /**
   * @param artifactsBucket the bucket jobs read and write
   * @param imageRepository the repository of the Rookery image
   * @param endpointName the endpoint whose hourly monitor reports go under
   *     {@code monitoring/<endpointName>/}
   */
  public record Props(IBucket artifactsBucket, IRepository imageRepository, String endpointName) {
    /** Checks that nothing is missing. */
    public Props {
      Objects.requireNonNull(artifactsBucket, "artifactsBucket");
      Objects.requireNonNull(imageRepository, "imageRepository");
      if (endpointName == null || endpointName.isBlank()) {
        throw new IllegalArgumentException(
            "endpointName must not be blank, found '" + endpointName + "'");
      }
    }
  }

  /** Key patterns of the artefacts bucket that jobs read. */
  public static final List<String> READ_KEYS = List.of(
      "runs/*", DataBuckets.CAPTURE_PREFIX + "*", DataBuckets.MONITORING_BASELINE_PREFIX + "/*",
      DataBuckets.GROUND_TRUTH_PREFIX + "*");

  /**
   * Key patterns of the artefacts bucket that jobs write, {@code <endpoint>} standing for the
   * endpoint's name.
   */
  public static final List<String> WRITE_KEYS = List.of(
      "runs/*", DataBuckets.CAPTURE_PREFIX + "*", DataBuckets.MONITORING_PREFIX + "<endpoint>/*",
      DataBuckets.MONITORING_PREFIX + "reports/*");

  /** Prefixes under which jobs list the artefacts bucket. */
  public static final List<String> LIST_PREFIXES = List.of(
      "runs/*", DataBuckets.CAPTURE_PREFIX + "*", DataBuckets.MONITORING_PREFIX + "*",
      DataBuckets.GROUND_TRUTH_PREFIX + "*");

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
    // sagemaker-roles.md, "... API: Execution Role Permissions"), scoped to the artefacts
    // bucket's prefixes (see the class comment), the image's repository (grantPull) and
    // /aws/sagemaker/* log groups.
    IBucket artifacts = props.artifactsBucket();
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("ArtifactsList")
        .actions(List.of("s3:ListBucket"))
        .resources(List.of(artifacts.getBucketArn()))
        .conditions(Map.of("StringLike", Map.of("s3:prefix", LIST_PREFIXES)))
        .build());
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("ArtifactsLocation")
        .actions(List.of("s3:GetBucketLocation"))
        .resources(List.of(artifacts.getBucketArn()))
        .build());
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("ArtifactsRead")
        .actions(List.of("s3:GetObject"))
        .resources(READ_KEYS.stream().map(artifacts::arnForObjects).toList())
        .build());
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("ArtifactsWrite")
        .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
        .resources(WRITE_KEYS.stream()
            .map(key -> artifacts.arnForObjects(key.replace("<endpoint>", props.endpointName())))
            .toList())
        .build());
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
        "S3 object wildcards are the artefacts bucket's prefixes jobs use (runs/, capture/,"
            + " monitoring/, ground-truth/), whose keys hold per-run and per-hour names;"
            + " SageMaker names its log streams per job inside /aws/sagemaker/*;"
            + " ecr:GetAuthorizationToken and cloudwatch:PutMetricData have no resource-level"
            + " permissions (PutMetricData is limited to the SageMaker namespaces by condition).",
        "regex:/^Resource::<.*Artifacts[0-9A-F]{8}\\.Arn>\\/(runs|capture|monitoring|ground-truth)\\/.*\\*$/",
        "regex:/^Resource::arn:.+:logs:.+:log-group:\\/aws\\/sagemaker\\/\\*$/",
        "Resource::*");
  }

  /**
   * Lets SageMaker read the auto-rollback alarms of a blue/green (canary, linear) endpoint update:
   * deployment guardrails call {@code cloudwatch:DescribeAlarms} as the endpoint's execution role
   * (SageMaker developer guide, "Auto-Rollback Configuration and Monitoring").
   *
   * @param alarmArns the ARNs of the alarms named in {@code AutoRollbackConfiguration}
   */
  public void allowRollbackAlarms(List<String> alarmArns) {
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("RollbackAlarms")
        .actions(List.of("cloudwatch:DescribeAlarms"))
        .resources(List.copyOf(alarmArns))
        .build());
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
