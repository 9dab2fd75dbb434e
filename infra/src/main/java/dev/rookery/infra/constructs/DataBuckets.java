package dev.rookery.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The buckets of one environment: the data bucket users upload datasets to (versioned, so a run
 * names the exact object version it trained on; EventBridge notifications on, so uploads start
 * runs), the artefacts bucket (job outputs, models, data capture, monitoring reports; captured
 * requests expire after the configured days) and the server-access-log bucket both log to. All
 * three are encrypted, SSL-only, block all public access and are retained when the stack is
 * deleted (they hold the datasets and models).
 */
public final class DataBuckets extends Construct {
  /** Where datasets are uploaded to start a run. */
  public static final String INCOMING_PREFIX = "incoming/";
  /** Where the endpoint's data capture lands in the artefacts bucket. */
  public static final String CAPTURE_PREFIX = "capture/";
  /**
   * Where users upload ground-truth labels in the artefacts bucket, Model Monitor's layout:
   * {@code ground-truth/<endpoint>/yyyy/MM/dd/HH/*.jsonl}. The model-quality job reads the
   * endpoint's whole folder, so labels expire with the captured requests they are joined to.
   */
  public static final String GROUND_TRUTH_PREFIX = "ground-truth/";
  /** Where monitoring runs write their reports in the artefacts bucket. */
  public static final String MONITORING_PREFIX = "monitoring/";
  /**
   * Key prefix (no leading or trailing {@code /}) of the deployed model's baseline
   * ({@code statistics.json}, {@code constraints.json}) in the artefacts bucket: the deploy state
   * machine copies it there, the Model Monitor schedule reads it.
   */
  public static final String MONITORING_BASELINE_PREFIX = "monitoring/baseline";
  /**
   * The deployed model's model-quality constraints, under {@link #MONITORING_BASELINE_PREFIX}: the
   * deploy state machine copies the package's there, the model-quality schedule reads it.
   */
  public static final String QUALITY_CONSTRAINTS = "model-quality/constraints.json";
  /** Each pipeline run's model-quality constraints, next to its evaluation.json. */
  public static final String RUN_QUALITY_CONSTRAINTS_KEYS =
      "runs/*/evaluation/model-quality/constraints.json";
  /** Where each pipeline run's baseline lands in the artefacts bucket (runs/<execution>/baseline/). */
  public static final String RUN_BASELINE_KEYS = "runs/*/baseline/*";

  /**
   * Where the pipeline copies the exact dataset version it validated ({@code
   * runs/<execution>/input/dataset.csv}), the only input of its Preprocess job.
   */
  public static final String RUN_INPUT_KEYS = "runs/*/input/*";

  private final Bucket dataBucket;
  private final Bucket artifactsBucket;
  private final Bucket accessLogsBucket;

  /**
   * @param captureRetentionDays days captured requests are kept, 1 or more
   */
  public record Props(int captureRetentionDays) {
    /** Checks the retention. */
    public Props {
      if (captureRetentionDays < 1) {
        throw new IllegalArgumentException(
            "captureRetentionDays must be 1 or more, found " + captureRetentionDays);
      }
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public DataBuckets(Construct scope, String id, Props props) {
    super(scope, id);
    accessLogsBucket = Bucket.Builder.create(this, "AccessLogs")
        // Server access logging delivers only to SSE-S3 buckets.
        .encryption(BucketEncryption.S3_MANAGED)
        .enforceSsl(true)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
        .lifecycleRules(List.of(LifecycleRule.builder()
            .id("ExpireAccessLogs").expiration(Duration.days(365)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    NagSuppressions.addResourceSuppressions(accessLogsBucket, List.of(NagPackSuppression.builder()
        .id("AwsSolutions-S1")
        .reason("This is the server-access-log target of the data and artefacts buckets;"
            + " logging it into itself would log its own log deliveries.")
        .build()));

    dataBucket = Bucket.Builder.create(this, "Data")
        .encryption(BucketEncryption.S3_MANAGED)
        .enforceSsl(true)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .versioned(true)
        .eventBridgeEnabled(true)
        .serverAccessLogsBucket(accessLogsBucket)
        .serverAccessLogsPrefix("data/")
        .lifecycleRules(List.of(LifecycleRule.builder()
            .id("ExpireOldDatasetVersions")
            .noncurrentVersionExpiration(Duration.days(365)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();

    artifactsBucket = Bucket.Builder.create(this, "Artifacts")
        .encryption(BucketEncryption.S3_MANAGED)
        // The model-monitor engine publishes a run's metrics when its report lands here.
        .eventBridgeEnabled(true)
        .enforceSsl(true)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .serverAccessLogsBucket(accessLogsBucket)
        .serverAccessLogsPrefix("artifacts/")
        .lifecycleRules(List.of(LifecycleRule.builder()
            .id("ExpireCapturedRequests")
            .prefix(CAPTURE_PREFIX)
            .expiration(Duration.days(props.captureRetentionDays()))
            .build(), LifecycleRule.builder()
            .id("ExpireGroundTruth")
            .prefix(GROUND_TRUTH_PREFIX)
            .expiration(Duration.days(props.captureRetentionDays()))
            .build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();

    // eventBridgeEnabled is applied by CDK's bucket-notifications custom resource, one per stack.
    Stack stack = Stack.of(this);
    for (IConstruct child : stack.getNode().getChildren()) {
      if (child.getNode().getId().startsWith("BucketNotificationsHandler")) {
        Nag.suppress(child, "AwsSolutions-IAM4",
            "CDK's own bucket-notifications handler (it turns on EventBridge delivery of the data"
                + " and artefacts buckets at deploy time) uses the AWS managed basic execution policy; CDK"
                + " creates it and offers no way to give it another role.",
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
      }
    }
  }

  /** @return the versioned data bucket datasets are uploaded to */
  public IBucket getDataBucket() {
    return dataBucket;
  }

  /** @return the artefacts bucket (job outputs, models, capture, monitoring) */
  public IBucket getArtifactsBucket() {
    return artifactsBucket;
  }

  /** @return the server-access-log bucket */
  public IBucket getAccessLogsBucket() {
    return accessLogsBucket;
  }

  /** @return {@code s3://<artefacts>/capture}, the endpoint's {@code DestinationS3Uri} */
  public String captureS3Uri() {
    return artifactsBucket.s3UrlForObject(CAPTURE_PREFIX.substring(0, CAPTURE_PREFIX.length() - 1));
  }

  /** @return {@code s3://<artefacts>/monitoring/baseline}, the deployed model's baseline */
  public String monitoringBaselineS3Uri() {
    return artifactsBucket.s3UrlForObject(MONITORING_BASELINE_PREFIX);
  }

  /** @return {@code s3://<artefacts>/monitoring}, where monitoring runs write */
  public String monitoringS3Uri() {
    return artifactsBucket.s3UrlForObject(
        MONITORING_PREFIX.substring(0, MONITORING_PREFIX.length() - 1));
  }
}
