package dev.rookery.infra;

import dev.rookery.infra.EnvironmentConfig.MonitoringEngine;
import dev.rookery.statemachine.AslDefinition;
import dev.rookery.infra.constructs.AslStateMachine;
import dev.rookery.infra.constructs.DataBuckets;
import dev.rookery.infra.constructs.EventRules;
import dev.rookery.infra.constructs.Grants;
import dev.rookery.infra.constructs.InferenceEndpoint;
import dev.rookery.infra.constructs.JavaFunction;
import dev.rookery.infra.constructs.ModelMonitorSchedule;
import dev.rookery.infra.constructs.ModelRegistry;
import dev.rookery.infra.constructs.Nag;
import dev.rookery.infra.constructs.NotificationTopic;
import dev.rookery.infra.constructs.RookeryAlarms;
import dev.rookery.infra.constructs.RookeryDashboard;
import dev.rookery.infra.constructs.RetrainOnAlarm;
import dev.rookery.infra.constructs.RookeryImage;
import dev.rookery.infra.constructs.SageMakerExecutionRole;
import dev.rookery.infra.constructs.ScheduledMonitoring;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * One Rookery environment ({@code Rookery-<env>}). It only composes the constructs and wires
 * names, environment variables and grants between them; each construct owns its concern.
 */
public final class RookeryStack extends Stack {
  /** Every SageMaker job the state machines create is named {@code rk-...}; IAM is scoped to it. */
  public static final String JOB_NAME_PREFIX = "rk-";
  /** Lambda memory: a JVM with the AWS SDK starts markedly faster with more CPU. */
  public static final int FUNCTION_MEMORY_MB = 1024;
  /** Largest {@code PIPELINE_SETTINGS} accepted (Lambda allows 4 KB of environment in all). */
  public static final int MAX_SETTINGS_BYTES = 3072;

  private final DataBuckets buckets;
  private final RookeryImage image;
  private final SageMakerExecutionRole sageMakerRole;
  private final ModelRegistry registry;
  private final NotificationTopic notifications;
  private final InferenceEndpoint endpoint;
  private final Map<String, JavaFunction> functions = new LinkedHashMap<>();
  private final Code functionsCode;
  private final AslStateMachine deployStateMachine;
  private final AslStateMachine pipelineStateMachine;
  private final AslStateMachine monitoringStateMachine;
  private final ScheduledMonitoring scheduledMonitoring;
  private final ModelMonitorSchedule modelMonitorSchedule;
  private final EventRules rules;
  private final RookeryAlarms alarms;
  private final RookeryDashboard dashboard;
  private final RetrainOnAlarm retraining;

  /**
   * @param environment the environment
   * @param sources the settings, definitions, code and image it is built from
   */
  public record Props(EnvironmentConfig environment, AppSources sources) {
    /** Checks that nothing is missing. */
    public Props {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(sources, "sources");
    }
  }

  /**
   * @param scope the app
   * @param id the stack id ({@code Rookery-<env>})
   * @param stackProps account, region, description
   * @param props the environment and its sources
   */
  public RookeryStack(Construct scope, String id, StackProps stackProps, Props props) {
    super(scope, id, stackProps);
    EnvironmentConfig env = props.environment();
    AppSources sources = props.sources();
    String prefix = env.resourcePrefix();
    String scheduleName = prefix + "-monitor";
    String qualityScheduleName = prefix + "-model-quality";
    Tags.of(this).add("rookery:environment", env.name());
    functionsCode = Code.fromAsset(sources.functionsCode().toString());

    buckets = new DataBuckets(this, "Buckets", new DataBuckets.Props(env.monitoring().captureRetentionDays()));
    image = new RookeryImage(this, "Image", new RookeryImage.Props(sources.imageDirectory()));
    endpoint = new InferenceEndpoint(this, "Endpoint", new InferenceEndpoint.Props(prefix));
    sageMakerRole = new SageMakerExecutionRole(this, "SageMakerRole",
        new SageMakerExecutionRole.Props(buckets.getArtifactsBucket(), image.repository(),
            endpoint.endpointName()));
    // Retained: registered versions are the models (and their lineage) a rollback needs, and
    // SageMaker would refuse to delete a non-empty group, failing cdk destroy (infra/README.md,
    // "Tearing down").
    registry = new ModelRegistry(this, "Registry", new ModelRegistry.Props(prefix,
        "Rookery models of the " + env.name() + " environment", RemovalPolicy.RETAIN));
    notifications = new NotificationTopic(this, "Notifications", new NotificationTopic.Props(
        prefix + "-notifications", env.email().orElse("")));
    // Whether anyone gets the notifications, in the deploy's output: "none" is a choice made in
    // cdk.json or -c, and the output says what to do about it.
    CfnOutput.Builder.create(this, "NotificationSubscription")
        .description("Who receives the notification topic's messages")
        .value(env.email()
            .map(address -> "e-mail to " + address + " (confirm it from the e-mail AWS sends)")
            .orElse("none: notificationEmail is '" + EnvironmentConfig.NO_SUBSCRIPTION
                + "', nobody is subscribed to " + prefix + "-notifications; set"
                + " notificationEmail and deploy again, or subscribe with aws sns subscribe"))
        .build();

    // Register and deploy: called by the state machines.
    JavaFunction register = function("register", "RegisterHandler", env, sources, Map.of(
        "MODEL_PACKAGE_GROUP_NAME", registry.groupName(),
        "IMAGE_URI", image.imageUri(),
        "APPROVAL_STATUS", env.pipeline().approval().modelApprovalStatus(),
        "INFERENCE_INSTANCE_TYPES", env.endpoint().instanceType(),
        "TRANSFORM_INSTANCE_TYPES", env.endpoint().instanceType()),
        "Registers a gated model as a new version of " + prefix);
    registry.grantRegister(register.getFunction());
    // The run record: the evaluate job writes runs/<execution>/run.json, register completes it.
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(register.getFunction())
        .actions(List.of("s3:GetObject", "s3:PutObject"))
        .resourceArns(List.of(buckets.getArtifactsBucket().arnForObjects("runs/*/run.json")))
        .build());
    Nag.suppress(register.getRole(), "AwsSolutions-IAM5",
        "Model package versions get their number at registration: the grant covers the versions"
            + " of this environment's group only; the run records are runs/<execution>/run.json,"
            + " one per execution, in the artefacts bucket only.",
        Nag.sageMakerArn("model-package/" + prefix + "/*"),
        "regex:/^Resource::<.*Artifacts[0-9A-F]{8}\\.Arn>\\/runs\\/\\*\\/run\\.json$/");

    List<String> rollbackAlarms = env.endpoint().deploymentStrategy()
        == EnvironmentConfig.DeploymentStrategy.ALL_AT_ONCE
        ? List.of() : RookeryAlarms.endpointAlarmNames(prefix);
    JavaFunction deploy = function("deploy", "DeployHandler", env, sources, Map.of(
        "ENDPOINT_NAME", endpoint.endpointName(),
        "VARIANT_NAME", endpoint.variantName(),
        "SAGEMAKER_ROLE_ARN", sageMakerRole.getRole().getRoleArn(),
        "INSTANCE_TYPE", env.endpoint().instanceType(),
        "INSTANCE_COUNT", Integer.toString(env.endpoint().instanceCount()),
        "CAPTURE_PERCENT", Integer.toString(env.pipeline().capturePercent()),
        "CAPTURE_S3_URI", buckets.captureS3Uri(),
        "DEPLOYMENT_STRATEGY", env.endpoint().deploymentStrategy().name(),
        "ROLLBACK_ALARM_NAMES", String.join(",", rollbackAlarms)),
        "Deploys a model version to " + endpoint.endpointName() + " with data capture");
    endpoint.grantDeploy(deploy.getFunction());
    sageMakerRole.grantPassRole(deploy.getFunction());
    registry.grantDescribeVersions(deploy.getFunction());
    Nag.suppress(deploy.getRole(), "AwsSolutions-IAM5",
        "Each deployment creates a new model and endpoint config (an endpoint config in use cannot"
            + " change); they are named <endpoint>-<suffix>, so the grant covers that prefix, and"
            + " the versions of this environment's model package group.",
        Nag.sageMakerArn("model/" + prefix + "-*"),
        Nag.sageMakerArn("endpoint-config/" + prefix + "-*"),
        Nag.sageMakerArn("model-package/" + prefix + "/*"));
    if (!rollbackAlarms.isEmpty()) {
      // SageMaker watches the auto-rollback alarms as the endpoint's execution role, not as the
      // deploy function (deployment guardrails, "Auto-Rollback Configuration and Monitoring").
      sageMakerRole.allowRollbackAlarms(rollbackAlarms.stream().map(this::alarmArn).toList());
    }

    Map<String, String> substitutions = new HashMap<>(Map.of(
        "ImageUri", image.imageUri(),
        "SageMakerRoleArn", sageMakerRole.getRole().getRoleArn(),
        "ArtifactsBucket", buckets.getArtifactsBucket().getBucketName(),
        "ProcessingInstanceType", env.jobs().processingInstanceType(),
        "TrainingInstanceType", env.jobs().trainingInstanceType(),
        "RegisterFunctionArn", register.getAlias().getFunctionArn(),
        "DeployFunctionArn", deploy.getAlias().getFunctionArn(),
        "NotificationTopicArn", notifications.getTopic().getTopicArn(),
        "EndpointName", endpoint.endpointName(),
        "CaptureS3Uri", buckets.captureS3Uri()));
    substitutions.put("MonitoringOutputS3Uri", buckets.monitoringS3Uri());
    substitutions.put("MonitoringScheduleName", scheduleName);
    substitutions.put("CaptureBucket", buckets.getArtifactsBucket().getBucketName());
    substitutions.put("CapturePrefix", DataBuckets.CAPTURE_PREFIX.replace("/", ""));
    substitutions.put("MonitoringBaselinePrefix", DataBuckets.MONITORING_BASELINE_PREFIX);
    substitutions.put("ModelPackageGroupName", registry.groupName());
    substitutions.put("ModelQualityScheduleName", qualityScheduleName);
    substitutions.put("LabelOffsetSeconds",
        Long.toString(env.pipeline().modelQuality().labelOffset().toSeconds()));
    substitutions.put("MinJoinedRecords",
        Integer.toString(env.pipeline().modelQuality().minJoinedRecords()));

    deployStateMachine = stateMachine("Deploy", prefix + "-deploy", "deploy.asl.json", sources,
        substitutions, List.of(deploy.getAlias()), List.of());
    substitutions.put("DeployStateMachineArn",
        deployStateMachine.getStateMachine().getStateMachineArn());
    pipelineStateMachine = stateMachine("Pipeline", prefix + "-pipeline", "pipeline.asl.json",
        sources, substitutions, List.of(register.getAlias(), deploy.getAlias()),
        List.of(deployStateMachine.getStateMachine()));

    // Both engines publish the monitor's cloudwatch_metrics.json through this function, to the
    // namespace the alarms watch.
    JavaFunction publish = function("publish-metrics", "PublishMetricsHandler", env, sources,
        Map.of("METRICS_NAMESPACE", RookeryAlarms.DATA_METRICS_NAMESPACE),
        "Publishes a monitoring run's drift metrics to CloudWatch");
    Grants.allow(publish.getFunction(),
        List.of("s3:GetObject"),
        List.of(buckets.getArtifactsBucket().arnForObjects(
            DataBuckets.MONITORING_PREFIX + "*")));
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(publish.getFunction())
        .actions(List.of("cloudwatch:PutMetricData"))
        .resourceArns(List.of("*"))
        .conditions(Map.of("StringEquals",
            Map.of("cloudwatch:namespace", RookeryAlarms.DATA_METRICS_NAMESPACE)))
        .build());
    Nag.suppress(publish.getRole(), "AwsSolutions-IAM5",
        "Reads the monitoring reports (s3:GetObject on the monitoring/ prefix of the artefacts"
            + " bucket); cloudwatch:PutMetricData has no resource-level permission and is"
            + " limited to the data-metrics namespace by condition.",
        "regex:/^Resource::<.*Artifacts[0-9A-F]{8}\\.Arn>\\/monitoring\\/\\*$/",
        "Resource::*");
    if (env.monitoring().engine() == MonitoringEngine.PROCESSING) {
      substitutions.put("PublishMetricsFunctionArn", publish.getAlias().getFunctionArn());
      monitoringStateMachine = stateMachine("Monitoring", prefix + "-monitoring",
          "monitoring.asl.json", sources, substitutions, List.of(publish.getAlias()), List.of());
      scheduledMonitoring = new ScheduledMonitoring(this, "ScheduledMonitoring",
          new ScheduledMonitoring.Props(monitoringStateMachine.getStateMachine()));
      modelMonitorSchedule = null;
    } else {
      monitoringStateMachine = null;
      scheduledMonitoring = null;
      modelMonitorSchedule = new ModelMonitorSchedule(this, "ModelMonitor",
          new ModelMonitorSchedule.Props(scheduleName, endpoint.endpointName(),
              new ModelMonitorSchedule.Job(image.imageUri(), sageMakerRole.getRole(),
                  env.jobs().processingInstanceType()),
              buckets.monitoringBaselineS3Uri(),
              new ModelMonitorSchedule.Reports(buckets.getArtifactsBucket(),
                  DataBuckets.MONITORING_PREFIX + "reports", publish.getAlias()),
              new ModelMonitorSchedule.Quality(qualityScheduleName,
                  buckets.monitoringBaselineS3Uri() + "/" + DataBuckets.QUALITY_CONSTRAINTS,
                  buckets.getArtifactsBucket().s3UrlForObject(
                      DataBuckets.GROUND_TRUTH_PREFIX + endpoint.endpointName()),
                  env.pipeline().modelQuality().labelOffset(),
                  env.pipeline().modelQuality().minJoinedRecords())));
    }

    // Entry points: an upload starts the pipeline, an approval starts a deployment.
    JavaFunction trigger = function("trigger", "TriggerHandler", env, sources, Map.of(
        "STATE_MACHINE_ARN", pipelineStateMachine.getStateMachine().getStateMachineArn(),
        "NOTIFICATION_TOPIC_ARN", notifications.getTopic().getTopicArn(),
        "PIPELINE_SETTINGS", pipelineSettings(env),
        "ARTIFACTS_BUCKET", buckets.getArtifactsBucket().getBucketName()),
        "Starts the pipeline for a dataset uploaded to the data bucket");
    // The trigger reads the start of the uploaded version (GetObject with its versionId, which
    // IAM authorizes as s3:GetObjectVersion; S3 API reference, GetObject "Permissions").
    Grants.allow(trigger.getFunction(),
        List.of("s3:GetObject", "s3:GetObjectVersion"),
        List.of(buckets.getDataBucket().arnForObjects(
            DataBuckets.INCOMING_PREFIX + "*")));
    // An upload over CopyObject's 5 GiB is copied in parts (UploadPartCopy) to the run's input.
    Grants.allow(trigger.getFunction(),
        List.of("s3:PutObject", "s3:AbortMultipartUpload"),
        List.of(buckets.getArtifactsBucket().arnForObjects(DataBuckets.RUN_INPUT_KEYS)));
    pipelineStateMachine.getStateMachine().grantStartExecution(trigger.getFunction());
    notifications.getTopic().grantPublish(trigger.getFunction());
    Nag.suppress(trigger.getRole(), "AwsSolutions-IAM5",
        "Reads the header of uploaded datasets (s3:GetObject/GetObjectVersion on the incoming/"
            + " prefix of the data bucket only), copies an upload over 5 GiB to"
            + " runs/<execution>/input/dataset.csv of the artefacts bucket (the execution is named"
            + " per upload), and publishes rejections to the KMS-encrypted topic"
            + " (kms:GenerateDataKey* on its key).",
        "regex:/^Resource::<.*Data[0-9A-F]{8}\\.Arn>\\/incoming\\/\\*$/",
        "regex:/^Resource::<.*Artifacts[0-9A-F]{8}\\.Arn>\\/runs\\/\\*\\/input\\/\\*$/",
        "Action::kms:GenerateDataKey*");

    JavaFunction approval = function("approval", "DeployOnApprovalHandler", env, sources, Map.of(
        "MODEL_PACKAGE_GROUP_NAME", registry.groupName(),
        "DEPLOY_STATE_MACHINE_ARN", deployStateMachine.getStateMachine().getStateMachineArn(),
        "ENDPOINT_NAME", endpoint.endpointName()),
        "Deploys a model version approved in " + prefix);
    // An approved version deploys only when newer than the served one (or that one was rejected).
    endpoint.grantReadServing(approval.getFunction());
    registry.grantDescribeVersions(approval.getFunction());
    deployStateMachine.getStateMachine().grantStartExecution(approval.getFunction());
    // On ExecutionAlreadyExists the handler reads that execution's status: RUNNING is a duplicate
    // event, an ended one means the version was approved again (e.g. a rollback) and is redeployed.
    deployStateMachine.getStateMachine().grantExecution(approval.getFunction(),
        "states:DescribeExecution");
    Nag.suppress(approval.getRole(), "AwsSolutions-IAM5",
        "Reads the status of executions of the deploy state machine only (execution:<deploy"
            + " machine>:*): execution names are per approval, so they cannot be listed up front;"
            + " reads the served model (<endpoint>-* configs and models, this group's versions) to"
            + " deploy only versions newer than it.",
        "regex:/^Resource::arn:<AWS::Partition>:states:.*:execution:.*DeployStateMachine"
            + "[0-9A-F]{8}.*:\\*$/",
        Nag.sageMakerArn("model/" + prefix + "-*"),
        Nag.sageMakerArn("endpoint-config/" + prefix + "-*"),
        Nag.sageMakerArn("model-package/" + prefix + "/*"));

    List<IStateMachine> watched = new java.util.ArrayList<>(List.of(
        pipelineStateMachine.getStateMachine(), deployStateMachine.getStateMachine()));
    if (monitoringStateMachine != null) {
      watched.add(monitoringStateMachine.getStateMachine());
    }
    JavaFunction failure = function("failure", "ExecutionFailureHandler", env, sources, Map.of(
        "NOTIFICATION_TOPIC_ARN", notifications.getTopic().getTopicArn()),
        "E-mails a Rookery execution that failed, timed out or was aborted unnoticed");
    notifications.getTopic().grantPublish(failure.getFunction());
    // Error and cause come from DescribeExecution: the status change event need not carry them.
    watched.forEach(machine -> machine.grantExecution(failure.getFunction(), "states:DescribeExecution"));
    Nag.suppress(failure.getRole(), "AwsSolutions-IAM5",
        "Reads the error and cause of executions of the Rookery state machines only"
            + " (execution:<machine>:*: execution names are per run) and publishes to the"
            + " KMS-encrypted topic (kms:GenerateDataKey* on its key).",
        "regex:/^Resource::arn:<AWS::Partition>:states:.*:execution:.*StateMachine[0-9A-F]{8}.*:\\*$/",
        "Action::kms:GenerateDataKey*");
    rules = new EventRules(this, "Rules", new EventRules.Props(buckets.getDataBucket(),
        trigger.getAlias(), registry.groupName(), approval.getAlias(), watched,
        failure.getAlias()));

    // Built before the alarms so that it gets its own errors alarm like every other function; the
    // rule that hands it the degradation alarms comes after them.
    JavaFunction retrain = env.monitoring().alarms().enabled() && env.monitoring().retraining().enabled()
        ? retrainFunction(env, sources) : null;
    if (env.monitoring().alarms().enabled()) {
      Map<String, IFunction> watchedFunctions = new LinkedHashMap<>();
      functions.forEach((name, f) -> watchedFunctions.put(name, f.getFunction()));
      EnvironmentConfig.AlarmSettings a = env.monitoring().alarms();
      alarms = new RookeryAlarms(this, "Alarms", new RookeryAlarms.Props(prefix,
          new RookeryAlarms.Watched(endpoint, scheduleName, qualityScheduleName,
              env.monitoring().driftFeatures(), watchedFunctions),
          new RookeryAlarms.Thresholds(a.driftThreshold(), a.violationThreshold(),
              a.invocation5xxThreshold(), a.modelLatencyMillis(), a.lambdaErrorThreshold(),
              minAccuracy(env)),
          notifications.getTopic()));
    } else {
      alarms = null;
    }
    retraining = retrain == null ? null : new RetrainOnAlarm(this, "Retraining",
        new RetrainOnAlarm.Props(alarms.getDegradationAlarms(), retrain.getAlias()));

    Map<String, IStateMachine> machines = new LinkedHashMap<>();
    machines.put("pipeline", pipelineStateMachine.getStateMachine());
    machines.put("deploy", deployStateMachine.getStateMachine());
    getMonitoringStateMachine().ifPresent(m -> machines.put("monitoring", m.getStateMachine()));
    dashboard = new RookeryDashboard(this, "Dashboard", new RookeryDashboard.Props(prefix, machines, endpoint,
        new RookeryDashboard.Monitoring(scheduleName, qualityScheduleName,
            env.monitoring().driftFeatures()),
        getAlarms().map(RookeryAlarms::getAllAlarms).orElse(List.of()), functions));
  }

  /**
   * The accuracy alarm's threshold: the lowest model-quality baseline threshold a deployed model
   * can have, the gate's accuracy minus the tolerance ({@code evaluate} writes test accuracy minus
   * {@code model_quality.accuracy_tolerance}, and only a model at or above the gate is registered).
   */
  static double minAccuracy(EnvironmentConfig env) {
    return Math.max(0, env.pipeline().gate().accuracyThreshold()
        - env.pipeline().modelQuality().accuracyTolerance());
  }

  /**
   * The opt-in retraining's function: it starts the pipeline as the trigger does (same
   * environment) when a degradation alarm's change to ALARM reaches it.
   */
  private JavaFunction retrainFunction(EnvironmentConfig env, AppSources sources) {
    Map<String, String> environment = new HashMap<>(Map.of(
        "STATE_MACHINE_ARN", pipelineStateMachine.getStateMachine().getStateMachineArn(),
        "NOTIFICATION_TOPIC_ARN", notifications.getTopic().getTopicArn(),
        "PIPELINE_SETTINGS", pipelineSettings(env),
        "DATA_BUCKET", buckets.getDataBucket().getBucketName(),
        "DATASET_PREFIX", DataBuckets.INCOMING_PREFIX,
        "RETRAIN_COOLDOWN", env.monitoring().retraining().cooldown().toString()));
    JavaFunction retrain = function("retrain", "RetrainOnAlarmHandler", env, sources, environment,
        "Starts the pipeline on the newest dataset when a drift or model-quality alarm fires");
    // ListObjectsV2 is s3:ListBucket on the bucket (limited to the uploads by prefix); HeadObject
    // of the newest upload is s3:GetObject on it (S3 API reference, "Permissions").
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(retrain.getFunction())
        .actions(List.of("s3:ListBucket"))
        .resourceArns(List.of(buckets.getDataBucket().getBucketArn()))
        .conditions(Map.of("StringLike", Map.of("s3:prefix", DataBuckets.INCOMING_PREFIX + "*")))
        .build());
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(retrain.getFunction())
        .actions(List.of("s3:GetObject"))
        .resourceArns(List.of(buckets.getDataBucket().arnForObjects(
            DataBuckets.INCOMING_PREFIX + "*")))
        .build());
    pipelineStateMachine.getStateMachine().grantStartExecution(retrain.getFunction());
    pipelineStateMachine.getStateMachine().grant(retrain.getFunction(), "states:ListExecutions");
    notifications.getTopic().grantPublish(retrain.getFunction());
    Nag.suppress(retrain.getRole(), "AwsSolutions-IAM5",
        "Reads the uploads (s3:GetObject on the incoming/ prefix of the data bucket) to find the"
            + " newest dataset, and publishes to the KMS-encrypted topic (kms:GenerateDataKey* on"
            + " its key).",
        "regex:/^Resource::<.*Data[0-9A-F]{8}\\.Arn>\\/incoming\\/\\*$/",
        "Action::kms:GenerateDataKey*");
    return retrain;
  }

  private JavaFunction function(String name, String handler, EnvironmentConfig env,
      AppSources sources, Map<String, String> environment, String description) {
    String pkg = name.equals("publish-metrics") ? "metrics" : name;
    String id = Character.toUpperCase(name.charAt(0)) + name.substring(1).replace("-m", "M");
    Map<String, String> withLogLevel = new LinkedHashMap<>(environment);
    withLogLevel.put(JavaFunction.LOG_LEVEL_VARIABLE, env.functions().logLevel());
    JavaFunction f = new JavaFunction(this, id + "Function", new JavaFunction.Props(
        env.resourcePrefix() + "-" + name, "dev.rookery.functions." + pkg + "." + handler,
        functionsCode, withLogLevel, description,
        new JavaFunction.Sizing(FUNCTION_MEMORY_MB, Duration.seconds(60))));
    functions.put(name, f);
    return f;
  }

  private AslStateMachine stateMachine(String id, String name, String file, AppSources sources,
      Map<String, String> substitutions, List<IFunction> invoked, List<IStateMachine> nested) {
    AslDefinition definition = AslDefinition.read(sources.stateMachineDirectory().resolve(file));
    AslStateMachine.S3Copy copy = switch (file) {
      // The pipeline pins the validated dataset version into the run's input folder.
      case "pipeline.asl.json" -> new AslStateMachine.S3Copy(buckets.getDataBucket(),
          List.of(DataBuckets.INCOMING_PREFIX + "*"), true, List.of(DataBuckets.RUN_INPUT_KEYS));
      // The deploy machine publishes a run's baselines (drift, model quality) to where the Model
      // Monitor schedules read them.
      case "deploy.asl.json" -> new AslStateMachine.S3Copy(buckets.getArtifactsBucket(),
          List.of(DataBuckets.RUN_BASELINE_KEYS, DataBuckets.RUN_QUALITY_CONSTRAINTS_KEYS), false,
          List.of(DataBuckets.MONITORING_BASELINE_PREFIX + "/statistics.json",
              DataBuckets.MONITORING_BASELINE_PREFIX + "/constraints.json",
              DataBuckets.MONITORING_BASELINE_PREFIX + "/" + DataBuckets.QUALITY_CONSTRAINTS));
      default -> null;
    };
    return new AslStateMachine(this, id, new AslStateMachine.Props(name, definition,
        substitutions, new AslStateMachine.Integrations(
            new AslStateMachine.SageMaker(sageMakerRole, JOB_NAME_PREFIX, endpoint, registry),
            invoked, nested, notifications.getTopic(),
            new AslStateMachine.Artifacts(buckets.getArtifactsBucket(), copy))));
  }

  private String alarmArn(String alarmName) {
    return formatArn(ArnComponents.builder().service("cloudwatch").resource("alarm")
        .resourceName(alarmName).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
  }

  /**
   * The environment's pipeline settings (config/pipeline.json with its cdk.json overrides), complete
   * with every default: the trigger passes them to the pipeline state machine as they are.
   */
  private static String pipelineSettings(EnvironmentConfig env) {
    String json = env.pipeline().toJson();
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_SETTINGS_BYTES) {
      throw new InvalidConfigurationException(List.of("config/pipeline.json is " + bytes
          + " bytes compact; the trigger function's environment takes at most "
          + MAX_SETTINGS_BYTES));
    }
    return json;
  }

  /** @return the buckets */
  public DataBuckets getBuckets() {
    return buckets;
  }

  /** @return the image */
  public RookeryImage getImage() {
    return image;
  }

  /** @return the SageMaker execution role */
  public SageMakerExecutionRole getSageMakerRole() {
    return sageMakerRole;
  }

  /** @return the model registry */
  public ModelRegistry getRegistry() {
    return registry;
  }

  /** @return the notification topic */
  public NotificationTopic getNotifications() {
    return notifications;
  }

  /** @return the endpoint's names, grants and metrics */
  public InferenceEndpoint getEndpoint() {
    return endpoint;
  }

  /** @return the functions by short name (trigger, register, deploy, approval, publish-metrics) */
  public Map<String, JavaFunction> getFunctions() {
    return Map.copyOf(functions);
  }

  /** @return the pipeline state machine */
  public AslStateMachine getPipelineStateMachine() {
    return pipelineStateMachine;
  }

  /** @return the deploy state machine */
  public AslStateMachine getDeployStateMachine() {
    return deployStateMachine;
  }

  /** @return the monitoring state machine ({@code processing} engine only) */
  public Optional<AslStateMachine> getMonitoringStateMachine() {
    return Optional.ofNullable(monitoringStateMachine);
  }

  /** @return the hourly rule ({@code processing} engine only) */
  public Optional<ScheduledMonitoring> getScheduledMonitoring() {
    return Optional.ofNullable(scheduledMonitoring);
  }

  /** @return the Model Monitor schedule ({@code model-monitor} engine only) */
  public Optional<ModelMonitorSchedule> getModelMonitorSchedule() {
    return Optional.ofNullable(modelMonitorSchedule);
  }

  /** @return the event rules */
  public EventRules getRules() {
    return rules;
  }

  /** @return the environment's CloudWatch dashboard */
  public RookeryDashboard getDashboard() {
    return dashboard;
  }

  /** @return the retraining rule, when alarms and retraining are enabled */
  public Optional<RetrainOnAlarm> getRetraining() {
    return Optional.ofNullable(retraining);
  }

  /** @return the alarms, when enabled */
  public Optional<RookeryAlarms> getAlarms() {
    return Optional.ofNullable(alarms);
  }
}
