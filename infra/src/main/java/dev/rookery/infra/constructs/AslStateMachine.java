package dev.rookery.infra.constructs;

import dev.rookery.statemachine.AslDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
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
  private final LogGroup logGroup;
  private final StateMachine stateMachine;
  private final AslDefinition definition;
  private final Map<String, String> substitutions;

  /**
   * What the definition's Tasks may call. Unused entries grant nothing.
   *
   * @param sageMaker the SageMaker resources its {@code sagemaker:*} Tasks use
   * @param functions the functions its {@code lambda:invoke} Tasks call (aliases)
   * @param nestedStateMachines the state machines its {@code states:startExecution} Tasks start
   * @param topic the topic its {@code sns:publish} Tasks publish to
   * @param artifacts the bucket its {@code aws-sdk:s3} Tasks read and write, and what they copy
   */
  public record Integrations(SageMaker sageMaker, List<IFunction> functions,
      List<IStateMachine> nestedStateMachines, ITopic topic, Artifacts artifacts) {
    /** Copies the lists; absent parts grant nothing. */
    public Integrations {
      sageMaker = sageMaker == null ? new SageMaker(null, "", null, null) : sageMaker;
      artifacts = artifacts == null ? new Artifacts(null, null) : artifacts;
      functions = List.copyOf(functions);
      nestedStateMachines = List.copyOf(nestedStateMachines);
    }
  }

  /**
   * The SageMaker side of {@link Integrations}.
   *
   * @param role the role handed to SageMaker jobs ({@code iam:PassRole})
   * @param jobNamePrefix the prefix of every SageMaker job name the definition creates
   * @param endpoint the endpoint its {@code describeEndpoint} Tasks poll
   * @param registry the registry its model package Tasks read
   */
  public record SageMaker(SageMakerExecutionRole role, String jobNamePrefix,
      InferenceEndpoint endpoint, ModelRegistry registry) {
    /** An absent prefix is empty. */
    public SageMaker {
      jobNamePrefix = jobNamePrefix == null ? "" : jobNamePrefix;
    }
  }

  /**
   * The S3 side of {@link Integrations}.
   *
   * @param bucket the artefacts bucket its {@code aws-sdk:s3} Tasks read and write
   * @param copy what its {@code aws-sdk:s3:copyObject} Tasks copy into that bucket, or
   *     {@code null} if it copies nothing
   */
  public record Artifacts(IBucket bucket, S3Copy copy) {}

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
   * @param sourceKeys key patterns of the objects copied, e.g. {@code runs/}{@code *}{@code /baseline/*}
   * @param versionedSource whether the Tasks copy a named version of the source
   * @param destinationKeys the keys (or key patterns) written in the artefacts bucket
   */
  public record S3Copy(IBucket sourceBucket, List<String> sourceKeys, boolean versionedSource,
      List<String> destinationKeys) {
    /** Checks that everything is given. */
    public S3Copy {
      Objects.requireNonNull(sourceBucket, "sourceBucket");
      sourceKeys = List.copyOf(sourceKeys);
      destinationKeys = List.copyOf(destinationKeys);
      if (sourceKeys.isEmpty()) {
        throw new IllegalArgumentException("sourceKeys must not be empty");
      }
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
            + " of " + definition.name());
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
    substitutions = Map.copyOf(used);
    logGroup = LogGroups.create(this, "/aws/vendedlogs/states/" + props.stateMachineName());
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
    S3Copy copy = in.artifacts().copy();
    // What the Tasks need, from the table; a Task or an action this construct cannot grant is a
    // synth error naming it, so a new integration in an ASL file never deploys without its IAM.
    Set<TaskPermissions.Permission> needed = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    definition.allTasks().forEach((state, task) -> {
      String resource = task.path("Resource").asText();
      TaskPermissions.of(resource).ifPresentOrElse(needed::addAll,
          () -> problems.add(state + ": " + resource + " (not in TaskPermissions)"));
    });
    Set<String> actions = new LinkedHashSet<>();
    needed.forEach(p -> actions.add(p.action()));
    Map<String, Set<String>> sageMaker = new TreeMap<>();
    Set<String> rules = new TreeSet<>();
    for (TaskPermissions.Permission p : needed) {
      if (p.on() == TaskPermissions.On.MANAGED_RULE) {
        rules.add(p.managedRule());
      } else if (p.action().startsWith("sagemaker:")) {
        String resource = sageMakerResource(p, in);
        if (resource == null) {
          problems.add(p.action() + " (no " + sageMakerNoun(p.action()) + " of this app to scope"
              + " it to)");
        } else {
          sageMaker.computeIfAbsent(resource, r -> new TreeSet<>()).add(p.action());
        }
      } else if (!GRANTED_ELSEWHERE.contains(p.action())) {
        problems.add(p.action() + " (AslStateMachine has no grant for it)");
      }
    }
    boolean invokes = actions.contains("lambda:InvokeFunction");
    boolean publishes = actions.contains("sns:Publish");
    boolean starts = actions.contains("states:StartExecution");
    boolean startsSync = actions.contains("states:DescribeExecution");
    boolean copiesS3 = needed.stream().anyMatch(p -> p.on() == TaskPermissions.On.COPY_SOURCE);
    boolean readsS3 = needed.stream().anyMatch(p -> p.on() == TaskPermissions.On.TARGET
        && (p.action().equals("s3:GetObject") || p.action().equals("s3:ListBucket")));
    boolean writesS3 = definition.taskResources().stream()
        .anyMatch(r -> r.endsWith("aws-sdk:s3:putObject"));
    boolean passesRole = actions.contains("iam:PassRole");
    require(invokes, !in.functions().isEmpty(), "lambda:invoke needs functions", problems);
    require(publishes, in.topic() != null, "sns:publish needs a topic", problems);
    require(starts, !in.nestedStateMachines().isEmpty(),
        "states:startExecution needs nested state machines", problems);
    require(readsS3 || writesS3, in.artifacts().bucket() != null, "aws-sdk:s3 needs a bucket",
        problems);
    require(copiesS3, in.artifacts().bucket() != null && copy != null,
        "aws-sdk:s3:copyObject needs the artefacts bucket and its source and destination keys",
        problems);
    require(passesRole, in.sageMaker().role() != null && !in.sageMaker().jobNamePrefix().isEmpty(),
        "SageMaker jobs need the SageMaker role and a job name prefix", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("state machine " + definition.name()
          + " uses Tasks this app cannot grant: " + problems);
    }
    if (invokes) {
      // Only the functions the Tasks name: a function handed in but not invoked gets no grant.
      for (String target : invokedFunctions()) {
        in.functions().stream().filter(f -> f.getFunctionArn().equals(target)).findFirst()
            .ifPresentOrElse(f -> f.grantInvoke(stateMachine), () -> {
              throw new IllegalArgumentException("state machine " + definition.name()
                  + " invokes " + target + ", which is not one of the functions it was given");
            });
      }
    }
    if (publishes) {
      in.topic().grantPublish(stateMachine);
    }
    if (starts) {
      for (IStateMachine nested : in.nestedStateMachines()) {
        nested.grantStartExecution(stateMachine);
        if (startsSync) {
          nested.grantExecution(stateMachine, "states:DescribeExecution", "states:StopExecution");
        }
      }
    }
    if (actions.contains("s3:ListBucket")) {
      allow("ArtifactsList", List.of("s3:ListBucket"),
          List.of(in.artifacts().bucket().getBucketArn()));
    }
    if (needed.contains(new TaskPermissions.Permission("s3:GetObject",
        TaskPermissions.On.TARGET, ""))) {
      allow("ArtifactsRead", List.of("s3:GetObject"),
          List.of(in.artifacts().bucket().arnForObjects("*")));
    }
    if (writesS3) {
      allow("ArtifactsWrite", List.of("s3:PutObject"),
          List.of(in.artifacts().bucket().arnForObjects("*")));
    }
    if (copiesS3) {
      allow("CopyObjectSource",
          copy.versionedSource() ? List.of("s3:GetObject", "s3:GetObjectVersion") : List.of("s3:GetObject"),
          copy.sourceKeys().stream().map(copy.sourceBucket()::arnForObjects).toList());
      allow("CopyObjectDestination", List.of("s3:PutObject"),
          copy.destinationKeys().stream()
              .map(in.artifacts().bucket()::arnForObjects).toList());
    }
    // One statement per SageMaker resource, with exactly the actions the Tasks call on it.
    sageMaker.forEach((resource, granted) -> stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.copyOf(granted))
            .resources(List.of(resource))
            .build()));
    if (!rules.isEmpty()) {
      allow("ManagedSyncRules", TaskPermissions.RULE_ACTIONS,
          rules.stream().map(rule -> Stack.of(this).formatArn(ArnComponents.builder()
              .service("events").resource("rule").resourceName(rule)
              .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())).toList());
    }
    if (passesRole) {
      in.sageMaker().role().grantPassRole(stateMachine);
    }
    suppressWildcards(in, sageMaker.keySet(), invokes, publishes, startsSync,
        readsS3 || writesS3, copiesS3);
  }

  /** Adds one statement, named {@code sid}, to the state machine's role policy. */
  private void allow(String sid, List<String> actions, List<String> resources) {
    stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
        .sid(sid).actions(actions).resources(resources).build());
  }

  /** The function each {@code lambda:invoke} Task names, placeholders substituted. */
  private Set<String> invokedFunctions() {
    Set<String> targets = new LinkedHashSet<>();
    definition.allTasks().values().forEach(task -> {
      String resource = task.path("Resource").asText();
      String target = resource.startsWith("arn:aws:states:::lambda:invoke")
          ? task.path("Parameters").path("FunctionName").asText(null) : resource;
      if (target != null && TaskPermissions.of(resource).orElse(List.of()).stream()
          .anyMatch(p -> p.action().equals("lambda:InvokeFunction"))) {
        targets.add(substituted(target));
      }
    });
    return targets;
  }

  private String substituted(String text) {
    String out = text;
    for (Map.Entry<String, String> e : substitutions.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  /** Actions whose grant is not SageMaker-resource-scoped: granted by the blocks above. */
  private static final Set<String> GRANTED_ELSEWHERE = Set.of("lambda:InvokeFunction",
      "sns:Publish", "states:StartExecution", "states:DescribeExecution", "states:StopExecution",
      "s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:PassRole");

  /** SageMaker's resource nouns, longest first so {@code EndpointConfig} wins over {@code Endpoint}. */
  private static final List<String> SAGEMAKER_NOUNS = List.of("HyperParameterTuningJob",
      "ModelPackageGroup", "ProcessingJob", "EndpointConfig", "ModelPackage", "TrainingJob",
      "TransformJob", "Endpoint", "Model");

  private static String sageMakerNoun(String action) {
    String api = action.substring("sagemaker:".length());
    for (String noun : SAGEMAKER_NOUNS) {
      if (api.endsWith(noun)) {
        return noun;
      }
    }
    return api;
  }

  /**
   * The resource a SageMaker action is granted on, from the noun of its API name: jobs by the
   * job name prefix, the endpoint, its models and configs by the endpoint's name, packages by the
   * registry; {@code List*} calls have no resource-level permission. Null if this app has no
   * such resource.
   */
  private String sageMakerResource(TaskPermissions.Permission p, Integrations in) {
    SageMaker sm = in.sageMaker();
    if (p.on() == TaskPermissions.On.ANY) {
      return "*";
    }
    String noun = sageMakerNoun(p.action());
    String prefix = sm.jobNamePrefix();
    return switch (noun) {
      case "ProcessingJob" -> prefix.isEmpty() ? null : arn("processing-job", prefix + "*");
      case "TrainingJob" -> prefix.isEmpty() ? null : arn("training-job", prefix + "*");
      case "HyperParameterTuningJob" ->
          prefix.isEmpty() ? null : arn("hyper-parameter-tuning-job", prefix + "*");
      case "TransformJob" -> prefix.isEmpty() ? null : arn("transform-job", prefix + "*");
      case "Endpoint" -> sm.endpoint() == null ? null : sm.endpoint().endpointArn();
      case "EndpointConfig" -> sm.endpoint() == null ? null
          : arn("endpoint-config", sm.endpoint().endpointName() + "-*");
      case "Model" -> sm.endpoint() == null ? null
          : arn("model", sm.endpoint().endpointName() + "-*");
      case "ModelPackage" -> sm.registry() == null ? null : sm.registry().modelPackagesArn();
      case "ModelPackageGroup" ->
          sm.registry() == null ? null : sm.registry().getGroup().getAttrModelPackageGroupArn();
      default -> null;
    };
  }

  /** Names each wildcard this construct granted, and why it cannot be narrower. */
  private void suppressWildcards(Integrations in, Set<String> sageMakerResources, boolean invokes,
      boolean publishes, boolean startsSync, boolean usesS3, boolean copiesS3) {
    SageMaker sm = in.sageMaker();
    List<String> findings = new ArrayList<>(List.of("Resource::*"));
    StringBuilder reason = new StringBuilder("X-Ray tracing (xray:PutTraceSegments and friends)"
        + " and CloudWatch Logs delivery (logs:CreateLogDelivery and friends) have no"
        + " resource-level permissions (Step Functions logging and tracing docs).");
    if (sageMakerResources.contains("*")) {
      reason.append(" sagemaker:List* calls (ListTags for .sync jobs, ListModelPackages for the"
          + " gate's newest approved model) have no resource-level permission (Service"
          + " Authorization Reference, Amazon SageMaker).");
    }
    String jobPrefix = sm.jobNamePrefix().toLowerCase(Locale.ROOT);
    for (String kind : List.of("processing-job", "training-job", "hyper-parameter-tuning-job",
        "transform-job")) {
      if (sageMakerResources.contains(arn(kind, jobPrefix + "*"))) {
        findings.add(Nag.sageMakerArn(kind + "/" + jobPrefix + "*"));
        reason.append(" SageMaker ").append(kind).append("s are named per execution, so they are"
            + " granted by the name prefix ").append(jobPrefix).append("*.");
      }
    }
    if (sm.endpoint() != null) {
      String endpoint = sm.endpoint().endpointName().toLowerCase(Locale.ROOT);
      for (String kind : List.of("endpoint-config", "model")) {
        if (sageMakerResources.contains(arn(kind, endpoint + "-*"))) {
          findings.add(Nag.sageMakerArn(kind + "/" + endpoint + "-*"));
          reason.append(" The deployed ").append(kind).append(" is named <endpoint>-<suffix> per"
              + " deployment, so it is described by that prefix.");
        }
      }
    }
    if (sm.registry() != null && sageMakerResources.contains(sm.registry().modelPackagesArn())) {
      findings.add(Nag.sageMakerArn("model-package/"
          + sm.registry().groupName().toLowerCase(Locale.ROOT) + "/*"));
      reason.append(" Model package versions are numbered at registration: the versions of this"
          + " environment's group.");
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
      findings.add("regex:/^Resource::<.*Artifacts[0-9A-F]{8}\\.Arn>\\/\\*$/");
      reason.append(" Run outputs are objects keyed per run in the artefacts bucket"
          + " (s3:GetObject/s3:PutObject on that bucket's objects only).");
    }
    if (copiesS3) {
      List<String> keys = new ArrayList<>(in.artifacts().copy().sourceKeys());
      keys.addAll(in.artifacts().copy().destinationKeys());
      for (String key : keys) {
        if (key.contains("*")) {
          findings.add("regex:/^Resource::<.*\\.Arn>\\/"
              + key.replace("/", "\\/").replace("*", "\\*") + "$/");
        }
      }
      reason.append(" CopyObject reads and writes objects keyed per run (source ")
          .append(in.artifacts().copy().sourceKeys()).append(", s3:GetObject")
          .append(in.artifacts().copy().versionedSource() ? " and s3:GetObjectVersion" : "")
          .append(" only; destination ").append(in.artifacts().copy().destinationKeys())
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
