package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.ClusterConfigProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.ConstraintsResourceProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.DataQualityAppSpecificationProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.DataQualityBaselineConfigProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.DataQualityJobInputProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.EndpointInputProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.MonitoringOutputConfigProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.MonitoringOutputProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.MonitoringResourcesProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.S3OutputProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.StatisticsResourceProperty;
import software.amazon.awscdk.services.sagemaker.CfnDataQualityJobDefinition.StoppingConditionProperty;
import software.amazon.awscdk.services.sagemaker.CfnModelQualityJobDefinition;
import software.amazon.awscdk.services.sagemaker.CfnMonitoringSchedule;
import software.amazon.awscdk.services.sagemaker.CfnMonitoringSchedule.MonitoringScheduleConfigProperty;
import software.amazon.awscdk.services.sagemaker.CfnMonitoringSchedule.ScheduleConfigProperty;
import software.constructs.Construct;

/**
 * The {@code model-monitor} monitoring engine, for accounts that have SageMaker Model Monitor: a
 * data-quality job definition running the Rookery image's {@code monitor} mode (bring your own
 * container, Model Monitor's environment contract) and an hourly monitoring schedule on the
 * endpoint. The container writes its metrics under {@code /opt/ml/output/metrics/cloudwatch} and
 * Model Monitor publishes them to a namespace of its own; the alarms watch Rookery's, which the
 * publish-metrics function writes from each run's {@code cloudwatch_metrics.json} ({@link Reports}).
 *
 * <p>A second, model-quality, job definition and schedule run the image's {@code model-quality}
 * mode hourly over the captured predictions and the ground truth uploaded for them ({@link
 * Quality}); its {@code cloudwatch_metrics.json} lands under the same reports prefix, so the same
 * rule publishes it.
 *
 * <p>SageMaker checks that the endpoint exists when the schedule is created: deploy an
 * environment with the {@code processing} engine first, and switch once a model is deployed.
 */
public final class ModelMonitorSchedule extends Construct {
  /** Hourly, the expression Model Monitor documents. */
  public static final String SCHEDULE = "cron(0 * ? * * *)";
  /** Where Model Monitor mounts the captured requests. */
  public static final String ENDPOINT_INPUT_PATH = "/opt/ml/processing/endpointdata";
  /** The monitor's combined metrics file in each run's reports. */
  public static final String METRICS_FILE = "cloudwatch_metrics.json";
  /** Where the container writes its reports. */
  public static final String OUTPUT_PATH = "/opt/ml/processing/output";

  private final CfnDataQualityJobDefinition jobDefinition;
  private final CfnMonitoringSchedule schedule;
  private final CfnModelQualityJobDefinition qualityJobDefinition;
  private final CfnMonitoringSchedule qualitySchedule;
  private final Rule metricsPublished;

  /**
   * @param scheduleName the monitoring schedule name (a dimension of the drift metrics)
   * @param endpointName the monitored endpoint
   * @param job what each monitoring run is
   * @param baselineS3Uri folder holding the deployed model's {@code statistics.json} and
   *     {@code constraints.json}
   * @param reports where each run's reports are written, and who publishes their metrics
   * @param quality the model-quality schedule
   */
  public record Props(String scheduleName, String endpointName, Job job, String baselineS3Uri,
      Reports reports, Quality quality) {
    /** Checks that nothing is missing. */
    public Props {
      Objects.requireNonNull(scheduleName, "scheduleName");
      Objects.requireNonNull(endpointName, "endpointName");
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(baselineS3Uri, "baselineS3Uri");
      Objects.requireNonNull(reports, "reports");
      Objects.requireNonNull(quality, "quality");
    }
  }

  /**
   * The model-quality schedule: Model Monitor merges the captured predictions of the window with
   * the ground truth (its merge job), then runs the image's {@code model-quality} mode.
   *
   * @param scheduleName its schedule name (the {@code MonitoringSchedule} dimension of its metrics)
   * @param constraintsS3Uri the deployed model's model-quality {@code constraints.json} (the deploy
   *     machine copies it there)
   * @param groundTruthS3Uri the endpoint's ground-truth folder ({@code ground-truth/<endpoint>})
   * @param labelOffset how long labels may take to arrive: each hourly run analyses the hour that
   *     ended this long ago ({@code StartTimeOffset} -(offset + 1 h), {@code EndTimeOffset} -offset)
   * @param minJoinedRecords fewer joined predictions than this is "not enough labels"
   */
  public record Quality(String scheduleName, String constraintsS3Uri, String groundTruthS3Uri,
      java.time.Duration labelOffset, int minJoinedRecords) {
    /** Checks that nothing is missing. */
    public Quality {
      Objects.requireNonNull(scheduleName, "scheduleName");
      Objects.requireNonNull(constraintsS3Uri, "constraintsS3Uri");
      Objects.requireNonNull(groundTruthS3Uri, "groundTruthS3Uri");
      Objects.requireNonNull(labelOffset, "labelOffset");
      if (labelOffset.isNegative()) {
        throw new IllegalArgumentException("labelOffset must not be negative, found " + labelOffset);
      }
    }

    /** @return {@code StartTimeOffset}: the window starts an hour before its end */
    public String startTimeOffset() {
      return "-" + labelOffset.plusHours(1);
    }

    /** @return {@code EndTimeOffset}, or {@code null} when labels need no delay */
    public String endTimeOffset() {
      return labelOffset.isZero() ? null : "-" + labelOffset;
    }
  }

  /**
   * The monitoring job each run starts.
   *
   * @param imageUri the Rookery image
   * @param role the SageMaker execution role
   * @param instanceType the job's instance type
   */
  public record Job(String imageUri, IRole role, String instanceType) {
    /** Checks that nothing is missing. */
    public Job {
      Objects.requireNonNull(imageUri, "imageUri");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(instanceType, "instanceType");
    }
  }

  /**
   * Where the schedule's reports go and what publishes their metrics. Model Monitor publishes a
   * bring-your-own container's metric files to a namespace of its own, which AWS's pages name in
   * three ways (docs/aws-contracts.md); the monitor also writes {@code cloudwatch_metrics.json}
   * with Rookery's namespace into its output, and an EventBridge rule hands each one to the
   * publish-metrics function, as the processing engine's state machine does.
   *
   * @param bucket the bucket the reports are uploaded to (EventBridge notifications on)
   * @param prefix the key prefix under it, without trailing slash, e.g. {@code monitoring/reports}
   * @param publishMetrics the function that publishes a {@code cloudwatch_metrics.json}
   */
  public record Reports(IBucket bucket, String prefix, IFunction publishMetrics) {
    /** Checks that nothing is missing. */
    public Reports {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(publishMetrics, "publishMetrics");
      if (prefix.isEmpty() || prefix.endsWith("/")) {
        throw new IllegalArgumentException(
            "prefix must be a key prefix without trailing slash, found '" + prefix + "'");
      }
    }

    /** @return {@code s3://<bucket>/<prefix>} */
    public String s3Uri() {
      return "s3://" + bucket.getBucketName() + "/" + prefix;
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public ModelMonitorSchedule(Construct scope, String id, Props props) {
    super(scope, id);
    jobDefinition = CfnDataQualityJobDefinition.Builder.create(this, "JobDefinition")
        .jobDefinitionName(props.scheduleName() + "-data-quality")
        .roleArn(props.job().role().getRoleArn())
        .dataQualityAppSpecification(DataQualityAppSpecificationProperty.builder()
            .imageUri(props.job().imageUri())
            .containerArguments(List.of("monitor"))
            .environment(Map.of("publish_cloudwatch_metrics", "Enabled"))
            .build())
        .dataQualityBaselineConfig(DataQualityBaselineConfigProperty.builder()
            .statisticsResource(StatisticsResourceProperty.builder()
                .s3Uri(props.baselineS3Uri() + "/statistics.json").build())
            .constraintsResource(ConstraintsResourceProperty.builder()
                .s3Uri(props.baselineS3Uri() + "/constraints.json").build())
            .build())
        .dataQualityJobInput(DataQualityJobInputProperty.builder()
            .endpointInput(EndpointInputProperty.builder()
                .endpointName(props.endpointName())
                .localPath(ENDPOINT_INPUT_PATH)
                .build())
            .build())
        .dataQualityJobOutputConfig(MonitoringOutputConfigProperty.builder()
            .monitoringOutputs(List.of(MonitoringOutputProperty.builder()
                .s3Output(S3OutputProperty.builder()
                    .localPath(OUTPUT_PATH)
                    .s3Uri(props.reports().s3Uri())
                    .s3UploadMode("EndOfJob")
                    .build())
                .build()))
            .build())
        .jobResources(MonitoringResourcesProperty.builder()
            .clusterConfig(ClusterConfigProperty.builder()
                .instanceCount(1)
                .instanceType(props.job().instanceType())
                .volumeSizeInGb(20)
                .build())
            .build())
        .stoppingCondition(StoppingConditionProperty.builder().maxRuntimeInSeconds(1800).build())
        .build();
    schedule = hourly("Schedule", props.endpointName(), props.scheduleName(), "DataQuality",
        jobDefinition, jobDefinition.getJobDefinitionName());
    Quality quality = props.quality();
    qualityJobDefinition = CfnModelQualityJobDefinition.Builder.create(this, "QualityJobDefinition")
        .jobDefinitionName(quality.scheduleName())
        .roleArn(props.job().role().getRoleArn())
        .modelQualityAppSpecification(
            CfnModelQualityJobDefinition.ModelQualityAppSpecificationProperty.builder()
                .imageUri(props.job().imageUri())
                .containerArguments(List.of("model-quality"))
                .problemType("MulticlassClassification")
                .environment(Map.of("publish_cloudwatch_metrics", "Enabled",
                    "min_joined_records", Integer.toString(quality.minJoinedRecords())))
                .build())
        .modelQualityBaselineConfig(
            CfnModelQualityJobDefinition.ModelQualityBaselineConfigProperty.builder()
                .constraintsResource(CfnModelQualityJobDefinition.ConstraintsResourceProperty
                    .builder().s3Uri(quality.constraintsS3Uri()).build())
                .build())
        .modelQualityJobInput(CfnModelQualityJobDefinition.ModelQualityJobInputProperty.builder()
            .endpointInput(CfnModelQualityJobDefinition.EndpointInputProperty.builder()
                .endpointName(props.endpointName())
                .localPath(ENDPOINT_INPUT_PATH)
                .startTimeOffset(quality.startTimeOffset())
                .endTimeOffset(quality.endTimeOffset())
                .build())
            .groundTruthS3Input(CfnModelQualityJobDefinition.MonitoringGroundTruthS3InputProperty
                .builder().s3Uri(quality.groundTruthS3Uri()).build())
            .build())
        .modelQualityJobOutputConfig(
            CfnModelQualityJobDefinition.MonitoringOutputConfigProperty.builder()
                .monitoringOutputs(List.of(
                    CfnModelQualityJobDefinition.MonitoringOutputProperty.builder()
                        .s3Output(CfnModelQualityJobDefinition.S3OutputProperty.builder()
                            .localPath(OUTPUT_PATH)
                            .s3Uri(props.reports().s3Uri())
                            .s3UploadMode("EndOfJob")
                            .build())
                        .build()))
                .build())
        .jobResources(CfnModelQualityJobDefinition.MonitoringResourcesProperty.builder()
            .clusterConfig(CfnModelQualityJobDefinition.ClusterConfigProperty.builder()
                .instanceCount(1)
                .instanceType(props.job().instanceType())
                .volumeSizeInGb(20)
                .build())
            .build())
        // An hourly model-quality run shares its time between Model Monitor's merge job and this
        // one: at most 1800 s ("Schedule model quality monitoring jobs").
        .stoppingCondition(CfnModelQualityJobDefinition.StoppingConditionProperty.builder()
            .maxRuntimeInSeconds(1800).build())
        .build();
    qualitySchedule = hourly("QualitySchedule", props.endpointName(), quality.scheduleName(),
        "ModelQuality", qualityJobDefinition, qualityJobDefinition.getJobDefinitionName());
    metricsPublished = Rule.Builder.create(this, "MetricsPublished")
        .description("Publishes each Model Monitor run's cloudwatch_metrics.json to "
            + "the alarms' namespace")
        .eventPattern(EventRules.objectCreated(props.reports().bucket(),
            Map.of("wildcard", props.reports().prefix() + "/*/" + METRICS_FILE)))
        .targets(List.of(EventRules.lambdaTarget(props.reports().publishMetrics())
            .event(RuleTargetInput.fromObject(Map.of("metricsUri",
                "s3://" + EventField.fromPath("$.detail.bucket.name") + "/"
                    + EventField.fromPath("$.detail.object.key"))))
            .build()))
        .build();
  }

  /** @return the rule that publishes each run's metrics */
  public Rule getMetricsPublished() {
    return metricsPublished;
  }

  /** @return the data-quality job definition */
  public CfnDataQualityJobDefinition getJobDefinition() {
    return jobDefinition;
  }

  /** @return the model-quality job definition */
  public CfnModelQualityJobDefinition getQualityJobDefinition() {
    return qualityJobDefinition;
  }

  /** @return the hourly model-quality schedule */
  public CfnMonitoringSchedule getQualitySchedule() {
    return qualitySchedule;
  }

  /** @return the hourly monitoring schedule */
  public CfnMonitoringSchedule getSchedule() {
    return schedule;
  }

  /** The endpoint's hourly schedule of one job definition (created after it). */
  private CfnMonitoringSchedule hourly(String id, String endpointName, String name,
      String monitoringType, software.constructs.IConstruct jobDefinition, String jobDefinitionName) {
    CfnMonitoringSchedule hourly = CfnMonitoringSchedule.Builder.create(this, id)
        .monitoringScheduleName(name)
        .endpointName(endpointName)
        .monitoringScheduleConfig(MonitoringScheduleConfigProperty.builder()
            .monitoringJobDefinitionName(jobDefinitionName)
            .monitoringType(monitoringType)
            .scheduleConfig(ScheduleConfigProperty.builder().scheduleExpression(SCHEDULE).build())
            .build())
        .build();
    hourly.getNode().addDependency(jobDefinition);
    return hourly;
  }
}
