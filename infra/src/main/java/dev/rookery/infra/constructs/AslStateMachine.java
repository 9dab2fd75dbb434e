package dev.rookery.infra.constructs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * A Standard state machine from one of the {@code statemachine/*.asl.json} files, inline in the
 * template ({@code DefinitionBody.fromString}) with CloudFormation substitutions for its
 * placeholders, logging ALL (with execution data) to its own log group, X-Ray tracing on.
 *
 * <p>Its IAM follows from the definition: each Task's {@code Resource} maps to the grants that
 * integration needs (for SageMaker {@code .sync} jobs: Create/Describe/Stop on jobs named
 * {@code <jobNamePrefix>*}, {@code sagemaker:ListTags}, the managed EventBridge rule, and
 * {@code iam:PassRole} of the SageMaker role to SageMaker only). A Task this construct does not
 * know, or a placeholder without a value, fails synth with every offender listed.
 */
public final class AslStateMachine extends Construct {
  private static final String SAGEMAKER_SYNC = "arn:aws:states:::sagemaker:";
  private static final String AWS_SDK = "arn:aws:states:::aws-sdk:";

  /** SageMaker job kinds that Step Functions runs with {@code .sync}. */
  private enum Job {
    PROCESSING("createProcessingJob", "ProcessingJob", "processing-job", "ProcessingJobs"),
    TUNING("createHyperParameterTuningJob", "HyperParameterTuningJob",
        "hyper-parameter-tuning-job", "TuningJobs"),
    TRAINING("createTrainingJob", "TrainingJob", "training-job", "TrainingJobs"),
    TRANSFORM("createTransformJob", "TransformJob", "transform-job", "TransformJobs");

    final String api;
    final String action;
    final String arnResource;
    final String ruleSuffix;

    Job(String api, String action, String arnResource, String ruleSuffix) {
      this.api = api;
      this.action = action;
      this.arnResource = arnResource;
      this.ruleSuffix = ruleSuffix;
    }
  }

  private final LogGroup logGroup;
  private final StateMachine stateMachine;
  private final AslDefinition definition;

  /**
   * What the definition's Tasks may call. Unused entries grant nothing.
   *
   * @param sageMakerRole the role handed to SageMaker jobs ({@code iam:PassRole})
   * @param jobNamePrefix the prefix of every SageMaker job name the definition creates
   * @param functions the functions its {@code lambda:invoke} Tasks call (aliases)
   * @param nestedStateMachines the state machines its {@code states:startExecution} Tasks start
   * @param topic the topic its {@code sns:publish} Tasks publish to
   * @param artifactsBucket the bucket its {@code aws-sdk:s3} Tasks read and write
   * @param endpoint the endpoint its {@code describeEndpoint} Tasks poll
   * @param registry the registry its model package Tasks read
   * @param s3Copy what its {@code aws-sdk:s3:copyObject} Tasks copy into the artefacts bucket, or
   *     {@code null} if it copies nothing
   */
  public record Integrations(SageMakerExecutionRole sageMakerRole, String jobNamePrefix,
      List<IFunction> functions, List<IStateMachine> nestedStateMachines, ITopic topic,
      IBucket artifactsBucket, InferenceEndpoint endpoint, ModelRegistry registry,
      S3Copy s3Copy) {
    /** Copies the lists. */
    public Integrations {
      functions = List.copyOf(functions);
      nestedStateMachines = List.copyOf(nestedStateMachines);
      jobNamePrefix = jobNamePrefix == null ? "" : jobNamePrefix;
    }
  }

  /**
   * The objects {@code aws-sdk:s3:copyObject} Tasks copy into the artefacts bucket. CopyObject
   * needs {@code s3:GetObject} on the source object, {@code s3:GetObjectVersion} too when the
   * source names a version ({@code CopySource ...?versionId=}), and {@code s3:PutObject} on the
   * destination (S3 API reference, CopyObject, "Permissions"; copying tags, CopyObject's default,
   * would add s3:GetObject(Version)Tagging on the source, so the pipeline's PinDataset sets
   * {@code TaggingDirective REPLACE} with no tags, and the deploy machine copies our own untagged
   * baseline files); the
   * grant is exactly these actions on these keys, not {@code grantRead}/{@code grantPut}.
   *
   * @param sourceBucket the bucket copied from
   * @param sourceKeys key pattern of the objects copied, e.g. {@code runs/}{@code *}{@code /baseline/*}
   * @param versionedSource whether the Tasks copy a named version of the source
   * @param destinationKeys the keys (or key patterns) written in the artefacts bucket
   */
  public record S3Copy(IBucket sourceBucket, String sourceKeys, boolean versionedSource,
      List<String> destinationKeys) {
    /** Checks that everything is given. */
    public S3Copy {
      Objects.requireNonNull(sourceBucket, "sourceBucket");
      Objects.requireNonNull(sourceKeys, "sourceKeys");
      destinationKeys = List.copyOf(destinationKeys);
      if (destinationKeys.isEmpty()) {
        throw new IllegalArgumentException("destinationKeys must not be empty");
      }
    }
  }

  /**
   * @param stateMachineName the state machine name
   * @param definition the ASL file
   * @param substitutions values for placeholders; only those the definition uses are passed on
   * @param integrations what its Tasks may call
   */
  public record Props(String stateMachineName, AslDefinition definition,
      Map<String, String> substitutions, Integrations integrations) {
    /** Checks that every placeholder has a value. */
    public Props {
      Objects.requireNonNull(stateMachineName, "stateMachineName");
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(integrations, "integrations");
      substitutions = Map.copyOf(substitutions);
      Set<String> missing = new TreeSet<>(definition.placeholders());
      missing.removeAll(substitutions.keySet());
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("no substitution for placeholders " + missing
            + " of " + definition.file());
      }
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public AslStateMachine(Construct scope, String id, Props props) {
    super(scope, id);
    definition = props.definition();
    // Only the placeholders in use: passing e.g. its own ARN to a machine would be a cycle.
    Map<String, String> used = new LinkedHashMap<>();
    for (String name : definition.placeholders()) {
      used.put(name, props.substitutions().get(name));
    }
    logGroup = LogGroup.Builder.create(this, "Logs")
        .logGroupName("/aws/vendedlogs/states/" + props.stateMachineName())
        .retention(RetentionDays.THREE_MONTHS)
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
    stateMachine = StateMachine.Builder.create(this, "StateMachine")
        .stateMachineName(props.stateMachineName())
        .stateMachineType(StateMachineType.STANDARD)
        .definitionBody(DefinitionBody.fromString(definition.text()))
        .definitionSubstitutions(used)
        .logs(LogOptions.builder().destination(logGroup).level(LogLevel.ALL)
            .includeExecutionData(true).build())
        .tracingEnabled(true)
        .build();
    grantIntegrations(props.integrations());
  }

  private void grantIntegrations(Integrations in) {
    Set<Job> jobs = new LinkedHashSet<>();
    Set<String> sdkSageMakerActions = new TreeSet<>();
    List<String> unknown = new ArrayList<>();
    boolean invokes = false;
    boolean publishes = false;
    boolean startsSync = false;
    boolean starts = false;
    boolean readsS3 = false;
    boolean writesS3 = false;
    boolean copiesS3 = false;
    for (String resource : definition.taskResources()) {
      String r = resource.replaceFirst("\\.waitForTaskToken$", "");
      if (r.startsWith(SAGEMAKER_SYNC) && r.endsWith(".sync")) {
        String api = r.substring(SAGEMAKER_SYNC.length(), r.length() - ".sync".length());
        Job job = null;
        for (Job candidate : Job.values()) {
          if (candidate.api.equals(api)) {
            job = candidate;
          }
        }
        if (job == null) {
          unknown.add(resource);
        } else {
          jobs.add(job);
        }
      } else if (r.startsWith(AWS_SDK + "sagemaker:")) {
        sdkSageMakerActions.add(r.substring((AWS_SDK + "sagemaker:").length()));
      } else if (r.equals(AWS_SDK + "s3:getObject") || r.equals(AWS_SDK + "s3:listObjectsV2")) {
        readsS3 = true;
      } else if (r.equals(AWS_SDK + "s3:putObject")) {
        writesS3 = true;
      } else if (r.equals(AWS_SDK + "s3:copyObject")) {
        copiesS3 = true;
      } else if (r.equals("arn:aws:states:::lambda:invoke")
          || r.matches("\\$\\{[A-Za-z]+FunctionArn\\}")) {
        invokes = true;
      } else if (r.equals("arn:aws:states:::sns:publish")) {
        publishes = true;
      } else if (r.equals("arn:aws:states:::states:startExecution.sync")
          || r.equals("arn:aws:states:::states:startExecution.sync:2")) {
        startsSync = true;
      } else if (r.equals("arn:aws:states:::states:startExecution")) {
        starts = true;
      } else {
        unknown.add(resource);
      }
    }
    List<String> problems = new ArrayList<>();
    for (String action : sdkSageMakerActions) {
      if (!grantSdkSageMaker(action, in)) {
        problems.add("aws-sdk:sagemaker:" + action);
      }
    }
    problems.addAll(unknown);
    require(invokes, !in.functions().isEmpty(), "lambda:invoke needs functions", problems);
    require(publishes, in.topic() != null, "sns:publish needs a topic", problems);
    require(startsSync || starts, !in.nestedStateMachines().isEmpty(),
        "states:startExecution needs nested state machines", problems);
    require(readsS3 || writesS3, in.artifactsBucket() != null, "aws-sdk:s3 needs a bucket",
        problems);
    require(copiesS3, in.artifactsBucket() != null && in.s3Copy() != null,
        "aws-sdk:s3:copyObject needs the artefacts bucket and its source and destination keys",
        problems);
    require(!jobs.isEmpty(), in.sageMakerRole() != null && !in.jobNamePrefix().isEmpty(),
        "SageMaker jobs need the SageMaker role and a job name prefix", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("state machine " + definition.file()
          + " uses Tasks this app cannot grant: " + problems);
    }
    if (invokes) {
      in.functions().forEach(f -> f.grantInvoke(stateMachine));
    }
    if (publishes) {
      in.topic().grantPublish(stateMachine);
    }
    if (startsSync || starts) {
      for (IStateMachine nested : in.nestedStateMachines()) {
        nested.grantStartExecution(stateMachine);
        if (startsSync) {
          nested.grantExecution(stateMachine, "states:DescribeExecution", "states:StopExecution");
        }
      }
      if (startsSync) {
        addEventsRulePermission("StepFunctionsGetEventsForStepFunctionsExecutionRule");
      }
    }
    if (readsS3) {
      in.artifactsBucket().grantRead(stateMachine);
    }
    if (writesS3) {
      in.artifactsBucket().grantPut(stateMachine);
    }
    if (copiesS3) {
      stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
          .sid("CopyObjectSource")
          .actions(in.s3Copy().versionedSource()
              ? List.of("s3:GetObject", "s3:GetObjectVersion") : List.of("s3:GetObject"))
          .resources(List.of(in.s3Copy().sourceBucket().arnForObjects(in.s3Copy().sourceKeys())))
          .build());
      stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
          .sid("CopyObjectDestination")
          .actions(List.of("s3:PutObject"))
          .resources(in.s3Copy().destinationKeys().stream()
              .map(in.artifactsBucket()::arnForObjects).toList())
          .build());
    }
    // What .sync needs per job kind: Create/Describe/Stop on the job, sagemaker:ListTags on *,
    // iam:PassRole to SageMaker and the managed StepFunctionsGetEventsForSageMaker*Rule (Step
    // Functions developer guide, sagemaker-iam.md and, for tuning, sample-hyper-tuning.md "IAM
    // Examples"; aws-step-functions-data-science-sdk-python
    // tests/integ/resources/StepFunctionsMLWorkflowExecutionFullAccess-Policy.json). Tuning needs no
    // sagemaker:ListTrainingJobsForHyperParameterTuningJob: the best job comes from Describe.
    // AddTags is for a definition that passes Tags at creation (SageMaker checks it then).
    for (Job job : jobs) {
      String jobs_ = arn(job.arnResource, in.jobNamePrefix() + "*");
      stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
          .sid("SageMaker" + job.action)
          .actions(List.of("sagemaker:Create" + job.action, "sagemaker:Describe" + job.action,
              "sagemaker:Stop" + job.action, "sagemaker:AddTags"))
          .resources(List.of(jobs_))
          .build());
      addEventsRulePermission("StepFunctionsGetEventsForSageMaker" + job.ruleSuffix + "Rule");
    }
    if (!jobs.isEmpty()) {
      stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
          .sid("SageMakerListTags")
          .actions(List.of("sagemaker:ListTags"))
          .resources(List.of("*"))
          .build());
      in.sageMakerRole().grantPassRole(stateMachine);
    }
    suppressWildcards(in, jobs, invokes, publishes, startsSync, readsS3 || writesS3, copiesS3);
  }

  /** Names each wildcard this construct granted, and why it cannot be narrower. */
  private void suppressWildcards(Integrations in, Set<Job> jobs, boolean invokes,
      boolean publishes, boolean startsSync, boolean usesS3, boolean copiesS3) {
    List<String> findings = new ArrayList<>(List.of("Resource::*"));
    StringBuilder reason = new StringBuilder("X-Ray tracing (xray:PutTraceSegments and friends)"
        + " and CloudWatch Logs delivery (logs:CreateLogDelivery and friends) have no"
        + " resource-level permissions (Step Functions logging and tracing docs).");
    if (definition.taskResources().stream().anyMatch(r -> r.endsWith("sagemaker:listModelPackages"))) {
      reason.append(" sagemaker:ListModelPackages (read-only, the gate's newest approved model of"
          + " this group) is granted on * for want of a confirmed resource-level scope.");
    }
    for (Job job : jobs) {
      findings.add(Nag.sageMakerArn(job.arnResource + "/" + in.jobNamePrefix() + "*"));
    }
    if (definition.taskResources().stream().anyMatch(r -> r.endsWith("sagemaker:describeTrainingJob"))
        || jobs.contains(Job.TUNING)) {
      findings.add(Nag.sageMakerArn("training-job/" + in.jobNamePrefix() + "*"));
    }
    if (in.endpoint() != null) {
      findings.add(Nag.sageMakerArn("endpoint-config/"
          + in.endpoint().endpointName().toLowerCase(Locale.ROOT) + "-*"));
      findings.add(Nag.sageMakerArn("model/"
          + in.endpoint().endpointName().toLowerCase(Locale.ROOT) + "-*"));
      reason.append(" The deployed model and endpoint config are named <endpoint>-<suffix> per"
          + " deployment, so they are described by that prefix.");
    }
    if (in.registry() != null) {
      findings.add(Nag.sageMakerArn("model-package/"
          + in.registry().groupName().toLowerCase(Locale.ROOT) + "/*"));
    }
    if (!jobs.isEmpty()) {
      reason.append(" SageMaker jobs are named per execution, so they are granted by the name"
          + " prefix ").append(in.jobNamePrefix()).append("*; sagemaker:ListTags has no"
          + " resource-level permission and the .sync integration calls it.");
    }
    if (invokes) {
      findings.add("regex:/^Resource::<.*Alias.*>:\\*$/");
      reason.append(" lambda:invoke grants cover the alias's versions (ARN:*).");
    }
    if (publishes) {
      findings.add("Action::kms:GenerateDataKey*");
      reason.append(" Publishing to the KMS-encrypted topic needs kms:GenerateDataKey* on its key.");
    }
    if (startsSync) {
      findings.add("regex:/^Resource::arn:.+:states:.+:execution:.*:\\*$/");
      reason.append(" startExecution.sync:2 describes and stops the nested machine's executions,"
          + " whose names are per run.");
    }
    if (usesS3) {
      findings.addAll(List.of("Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*",
          "Action::s3:PutObject*", "Action::s3:Abort*",
          "regex:/^Resource::<.*Artifacts[0-9A-F]{8}\\.Arn>\\/\\*$/"));
      reason.append(" Run outputs are objects keyed per run in the artefacts bucket"
          + " (grantRead/grantPut on that bucket only).");
    }
    if (copiesS3) {
      List<String> keys = new ArrayList<>(List.of(in.s3Copy().sourceKeys()));
      keys.addAll(in.s3Copy().destinationKeys());
      for (String key : keys) {
        if (key.contains("*")) {
          findings.add("regex:/^Resource::<.*\\.Arn>\\/"
              + key.replace("/", "\\/").replace("*", "\\*") + "$/");
        }
      }
      reason.append(" CopyObject reads and writes objects keyed per run (source ")
          .append(in.s3Copy().sourceKeys()).append(", s3:GetObject")
          .append(in.s3Copy().versionedSource() ? " and s3:GetObjectVersion" : "")
          .append(" only; destination ").append(in.s3Copy().destinationKeys())
          .append(", s3:PutObject only).");
    }
    Nag.suppress(stateMachine.getRole(), "AwsSolutions-IAM5", reason.toString(),
        findings.toArray(String[]::new));
  }

  private static void require(boolean used, boolean available, String problem,
      List<String> problems) {
    if (used && !available) {
      problems.add(problem);
    }
  }

  /** Grants one aws-sdk SageMaker action, scoped; false if this construct does not know it. */
  private boolean grantSdkSageMaker(String action, Integrations in) {
    String iamAction = "sagemaker:" + action.substring(0, 1).toUpperCase(Locale.ROOT)
        + action.substring(1);
    String resource;
    switch (action) {
      case "describeTrainingJob" -> resource = arn("training-job", in.jobNamePrefix() + "*");
      case "describeProcessingJob" -> resource = arn("processing-job", in.jobNamePrefix() + "*");
      case "describeHyperParameterTuningJob" ->
          resource = arn("hyper-parameter-tuning-job", in.jobNamePrefix() + "*");
      case "describeEndpoint", "describeEndpointConfig", "describeModel" -> {
        if (in.endpoint() == null) {
          return false;
        }
        resource = switch (action) {
          case "describeEndpoint" -> in.endpoint().endpointArn();
          case "describeEndpointConfig" ->
              arn("endpoint-config", in.endpoint().endpointName() + "-*");
          default -> arn("model", in.endpoint().endpointName() + "-*");
        };
      }
      case "listModelPackages" -> {
        if (in.registry() == null) {
          return false;
        }
        // Read-only and granted on *: we found no source confirming a resource-level scope for
        // ListModelPackages in identity policies (the model package group resource-policy
        // examples name it with the group ARN, the cross-account case); the Task passes this
        // environment's group name, and DescribeModelPackage stays scoped to its versions.
        resource = "*";
      }
      case "describeModelPackage", "describeModelPackageGroup", "updateModelPackage" -> {
        if (in.registry() == null) {
          return false;
        }
        resource = in.registry().modelPackagesArn();
        if (action.equals("describeModelPackageGroup")) {
          resource = in.registry().getGroup().getAttrModelPackageGroupArn();
        }
      }
      default -> {
        return false;
      }
    }
    if (in.jobNamePrefix().isEmpty() && action.endsWith("Job")) {
      return false;
    }
    stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
        .actions(List.of(iamAction))
        .resources(List.of(resource))
        .build());
    return true;
  }

  private void addEventsRulePermission(String ruleName) {
    stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
        .actions(List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"))
        .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder()
            .service("events").resource("rule").resourceName(ruleName)
            .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
        .build());
  }

  private String arn(String resource, String name) {
    return Stack.of(this).formatArn(ArnComponents.builder()
        .service("sagemaker").resource(resource).resourceName(name.toLowerCase(Locale.ROOT))
        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
  }

  /** @return the state machine */
  public StateMachine getStateMachine() {
    return stateMachine;
  }

  /** @return the execution log group */
  public LogGroup getLogGroup() {
    return logGroup;
  }

  /** @return the definition it was built from */
  public AslDefinition definition() {
    return definition;
  }
}
