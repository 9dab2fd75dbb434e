package dev.rookery.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The synthesized dev stack deployed into the emulator the way {@code cdk deploy} does it: the
 * bootstrap version parameter and assets bucket, the file assets from the cloud assembly's asset
 * manifest, then {@code CreateStack} from the template uploaded to S3 (it is larger than the
 * 51,200-byte TemplateBody limit). Once per emulator and test run; every flow uses its resources.
 *
 * <p>moto's CloudFormation has no model for some of the template's types ({@link #MOTO_SKIPS}):
 * those resources are left out and references to them replaced, each as its reason says, and
 * {@link #skipped()} lists them. A moto 5.2.1 bug makes it crash on a KMS key with tags, so the
 * key's tags are dropped. moto delivers rule targets only to SQS, log groups and event buses, and
 * one target it cannot deliver to ends the delivery of that event to every rule (its scheduled
 * rule even matches every event): so each rule's targets are replaced by one queue per rule
 * ({@link #ruleQueue}), and a test hands what the queue received to the handler the rule targets.
 * Two more gaps of moto's CloudFormation are filled from the template: it ignores a bucket's
 * {@code VersioningConfiguration} (applied with PutBucketVersioning), and it creates state
 * machines in a store its executing Step Functions backend does not read: a test creates the
 * machine it runs through the Step Functions API from the synthesized resource
 * ({@link #createStateMachine}).
 */
public final class DeployedStack {
  /** Resource types moto 5.2.1's CloudFormation cannot create, with what stands in for them. */
  public static final Map<String, String> MOTO_SKIPS = new TreeMap<>(Map.of(
      "AWS::CloudWatch::Alarm", "no CloudFormation model in moto: the alarms are created with"
          + " PutMetricAlarm from their template properties, and references to them are their"
          + " names and ARNs (the retraining rule's resources)",
      "AWS::Lambda::Alias", "no model: references to an alias resolve to its function",
      "AWS::S3::BucketPolicy", "no model (bucket policies are checked by cdk-nag and CDK"
          + " assertions, not here)",
      "AWS::SNS::Subscription", "no model (the e-mail subscription could not be confirmed"
          + " anyway: the tests subscribe an SQS queue)",
      "AWS::SNS::TopicPolicy", "no model",
      "AWS::SageMaker::ModelPackageGroup", "no model: RegisterHandler creates the group when"
          + " it is missing, which the registration flow checks",
      "Custom::S3BucketNotifications", "a custom resource runs its Lambda, which moto does not:"
          + " its one effect, EventBridge notifications of the data bucket, is applied with"
          + " PutBucketNotificationConfiguration from its properties"));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(120);
  private static final Map<String, DeployedStack> DEPLOYED = new HashMap<>();

  private final Emulator emulator;
  private final SynthesizedStack synthesized;
  private final String stackName;
  private final Map<String, StackResource> created;
  private final Map<String, String> skipped;
  private final Map<String, Queue> ruleQueues = new HashMap<>();
  /** What stands in for each skipped resource in references to it. */
  private final Map<String, JsonNode> standIns;

  private DeployedStack(Emulator emulator, SynthesizedStack synthesized, String stackName,
      Map<String, StackResource> created, Map<String, String> skipped,
      Map<String, JsonNode> standIns) {
    this.standIns = standIns;
    this.emulator = emulator;
    this.synthesized = synthesized;
    this.stackName = stackName;
    this.created = created;
    this.skipped = skipped;
  }

  /**
   * @param emulator the running emulator
   * @return the dev stack deployed into it (deployed at the first call)
   */
  public static synchronized DeployedStack on(Emulator emulator) {
    return DEPLOYED.computeIfAbsent(emulator.endpoint().toString(),
        key -> deploy(emulator, SynthesizedStack.dev()));
  }

  private static DeployedStack deploy(Emulator emulator, SynthesizedStack synthesized) {
    ObjectNode template = synthesized.template().deepCopy();
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, JsonNode> standIns = new HashMap<>();
    if (emulator.isMoto()) {
      leaveOutWhatMotoCannotCreate(template, skipped, standIns, emulator);
    }
    String assetsBucket = publishAssets(emulator, synthesized);
    String stackName = "Rookery-" + SynthesizedStack.ENVIRONMENT;
    String templateKey = "integration/" + stackName + ".template.json";
    try (S3Client s3 = emulator.client(S3Client.builder());
        CloudFormationClient cfn = emulator.client(CloudFormationClient.builder())) {
      s3.putObject(b -> b.bucket(assetsBucket).key(templateKey),
          RequestBody.fromString(JSON.writeValueAsString(template)));
      cfn.createStack(b -> b.stackName(stackName)
          .templateURL("https://s3." + emulator.region().id() + ".amazonaws.com/" + assetsBucket
              + "/" + templateKey)
          .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM));
      Stack stack = awaitCreated(cfn, stackName);
      Map<String, StackResource> created = new LinkedHashMap<>();
      for (StackResource r : cfn.describeStackResources(b -> b.stackName(stack.stackName()))
          .stackResources()) {
        created.put(r.logicalResourceId(), r);
      }
      DeployedStack deployed = new DeployedStack(emulator, synthesized, stackName, created,
          skipped, standIns);
      if (emulator.isMoto()) {
        deployed.standInForSkippedResources();
      }
      deployed.routeRulesToQueues();
      return deployed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops the resources of {@link #MOTO_SKIPS} types and rewires what referred to them. */
  private static void leaveOutWhatMotoCannotCreate(ObjectNode template,
      Map<String, String> skipped, Map<String, JsonNode> standIns, Emulator emulator) {
    ObjectNode resources = (ObjectNode) template.get("Resources");
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String type = e.getValue().path("Type").asText();
      if (type.equals("AWS::KMS::Key")) {
        ((ObjectNode) e.getValue().get("Properties")).remove("Tags");
      }
      if (!MOTO_SKIPS.containsKey(type)) {
        continue;
      }
      skipped.put(e.getKey(), type);
      standIns.put(e.getKey(), type.equals("AWS::Lambda::Alias")
          ? JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode()
              .add(e.getValue().path("Properties").path("FunctionName").path("Ref").asText())
              .add("Arn"))
          : TextNode.valueOf("arn:aws:rookery-skipped:::" + e.getKey()));
      String alarmName = e.getValue().path("Properties").path("AlarmName").asText(null);
      if (type.equals("AWS::CloudWatch::Alarm") && alarmName != null) {
        // PutMetricAlarm creates it under its name: a reference (the retraining rule's resources)
        // is that alarm's ARN, as CloudFormation's would be.
        standIns.put(e.getKey(), TextNode.valueOf(alarmName));
        standIns.put(e.getKey() + ".Arn",
            TextNode.valueOf(emulator.arn("cloudwatch", "alarm:" + alarmName)));
      }
      it.remove();
    }
    rewire(template, standIns);
  }

  private static JsonNode rewire(JsonNode node, Map<String, JsonNode> standIns) {
    if (node.isObject()) {
      String ref = node.path("Ref").asText(null);
      if (node.size() == 1 && ref != null && standIns.containsKey(ref)) {
        return standIns.get(ref);
      }
      JsonNode getAtt = node.get("Fn::GetAtt");
      if (node.size() == 1 && getAtt != null && standIns.containsKey(getAtt.path(0).asText())) {
        return standInForAttribute(standIns, getAtt);
      }
      ObjectNode object = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("DependsOn")) {
          e.setValue(dependsOnWithout(e.getValue(), standIns));
        } else {
          e.setValue(rewire(e.getValue(), standIns));
        }
      }
      return object;
    }
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, rewire(array.get(i), standIns));
      }
    }
    return node;
  }

  /** @return the stand-in for {@code Fn::GetAtt [id, attribute]}: the attribute's own, else the resource's */
  private static JsonNode standInForAttribute(Map<String, JsonNode> standIns, JsonNode getAtt) {
    String id = getAtt.path(0).asText();
    return standIns.getOrDefault(id + "." + getAtt.path(1).asText(), standIns.get(id));
  }

  private static JsonNode dependsOnWithout(JsonNode dependsOn, Map<String, JsonNode> dropped) {
    ArrayNode kept = JSON.createArrayNode();
    (dependsOn.isArray() ? dependsOn : JSON.createArrayNode().add(dependsOn))
        .forEach(d -> {
          if (!dropped.containsKey(d.asText())) {
            kept.add(d);
          }
        });
    return kept;
  }

  /**
   * What {@code cdk deploy} does before the stack: the bootstrap version the template's rule
   * checks, the assets bucket, and every file asset of the manifest.
   */
  private static String publishAssets(Emulator emulator, SynthesizedStack synthesized) {
    Path assembly = synthesized.assemblyDirectory();
    try (S3Client s3 = emulator.client(S3Client.builder());
        SsmClient ssm = emulator.client(SsmClient.builder())) {
      ssm.putParameter(b -> b.name("/cdk-bootstrap/hnb659fds/version").value("30")
          .type(ParameterType.STRING).overwrite(true));
      JsonNode manifest = JSON.readTree(Files.readString(
          assembly.resolve("Rookery-" + SynthesizedStack.ENVIRONMENT + ".assets.json")));
      String bucket = null;
      for (JsonNode asset : manifest.path("files")) {
        for (JsonNode destination : asset.path("destinations")) {
          String name = pseudo(destination.path("bucketName").asText(), emulator);
          if (bucket == null) {
            bucket = name;
            String b0 = name;
            s3.createBucket(b -> b.bucket(b0));
          }
          String bucketName = name;
          s3.putObject(b -> b.bucket(bucketName).key(destination.path("objectKey").asText()),
              RequestBody.fromFile(assembly.resolve(asset.path("source").path("path").asText())));
        }
      }
      if (bucket == null) {
        throw new AssertionError("the asset manifest of " + assembly + " lists no file asset");
      }
      return bucket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pseudo(String text, Emulator emulator) {
    return text.replace("${AWS::AccountId}", emulator.account())
        .replace("${AWS::Region}", emulator.region().id())
        .replace("${AWS::Partition}", "aws");
  }

  private static Stack awaitCreated(CloudFormationClient cfn, String stackName) {
    long deadline = System.nanoTime() + CREATE_TIMEOUT.toNanos();
    while (true) {
      Stack stack = cfn.describeStacks(b -> b.stackName(stackName)).stacks().get(0);
      if (stack.stackStatus() == StackStatus.CREATE_COMPLETE) {
        return stack;
      }
      if (!stack.stackStatusAsString().endsWith("IN_PROGRESS") || System.nanoTime() > deadline) {
        List<String> failures = new ArrayList<>();
        cfn.describeStackEvents(b -> b.stackName(stackName)).stackEvents().stream()
            .filter(e -> e.resourceStatusAsString().contains("FAILED"))
            .forEach(e -> failures.add(e.logicalResourceId() + " (" + e.resourceType() + "): "
                + e.resourceStatusReason()));
        throw new AssertionError("stack " + stackName + " ended " + stack.stackStatusAsString()
            + " (" + stack.stackStatusReason() + "); failed resources: " + failures);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Every rule's targets become one SQS queue per rule, on either emulator: the tests read what a
   * rule matched from its queue and hand it to the real handler (moto delivers rule targets only to
   * SQS and a few others; LocalStack would run the target Lambdas in containers of its own, out of
   * the tests' sight). The rule patterns themselves stay as synthesized.
   */
  private void routeRulesToQueues() {
    try (EventBridgeClient events = emulator.client(EventBridgeClient.builder())) {
      for (String ruleId : synthesized.resources("AWS::Events::Rule").keySet()) {
        String rule = physicalId(ruleId);
        List<String> targetIds = events.listTargetsByRule(b -> b.rule(rule)).targets().stream()
            .map(Target::id).toList();
        if (!targetIds.isEmpty()) {
          events.removeTargets(b -> b.rule(rule).ids(targetIds));
        }
        Queue queue = Queue.create(emulator, "rule-" + ruleId);
        events.putTargets(b -> b.rule(rule).targets(Target.builder().id("queue")
            .arn(queue.arn()).build()));
        ruleQueues.put(ruleId, queue);
      }
    }
  }

  /** The effects of skipped resources that the flows rely on (see {@link #MOTO_SKIPS}). */
  private void standInForSkippedResources() {
    try (S3Client s3 = emulator.client(S3Client.builder());
        CloudWatchClient cloudWatch = emulator.client(CloudWatchClient.builder())) {
      synthesized.resources("AWS::S3::Bucket").forEach((id, bucket) -> {
        String status = bucket.path("Properties").path("VersioningConfiguration").path("Status")
            .asText(null);
        if (status != null) {
          s3.putBucketVersioning(b -> b.bucket(physicalId(id))
              .versioningConfiguration(v -> v.status(status)));
        }
      });
      synthesized.resources("Custom::S3BucketNotifications").forEach((id, resource) -> {
        JsonNode props = resource.path("Properties");
        if (props.path("NotificationConfiguration").has("EventBridgeConfiguration")) {
          String bucket = physicalId(props.path("BucketName").path("Ref").asText());
          s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
              .notificationConfiguration(n -> n.eventBridgeConfiguration(e -> { })));
        }
      });
      synthesized.resources("AWS::CloudWatch::Alarm").values().forEach(resource -> {
        JsonNode p = resource.path("Properties");
        cloudWatch.putMetricAlarm(b -> b.alarmName(p.path("AlarmName").asText())
            .namespace(p.path("Namespace").asText(null))
            .metricName(p.path("MetricName").asText(null))
            .dimensions(dimensions(p.path("Dimensions")))
            .statistic(p.hasNonNull("Statistic") ? Statistic.fromValue(p.path("Statistic").asText())
                : null)
            .period(p.path("Period").asInt(300))
            .evaluationPeriods(p.path("EvaluationPeriods").asInt(1))
            .threshold(p.path("Threshold").asDouble())
            .comparisonOperator(ComparisonOperator.fromValue(p.path("ComparisonOperator").asText()))
            .treatMissingData(p.path("TreatMissingData").asText(null))
            .alarmActions(refs(p.path("AlarmActions")))
            .okActions(refs(p.path("OKActions"))));
      });
    }
  }

  /** @return the CloudWatch dimensions of a template alarm (literal values only) */
  static List<Dimension> dimensions(JsonNode dimensions) {
    List<Dimension> list = new ArrayList<>();
    for (JsonNode d : dimensions) {
      if (!d.path("Value").isTextual()) {
        // An intrinsic (e.g. a function name): resolved by CloudFormation, not needed here.
        continue;
      }
      list.add(Dimension.builder().name(d.path("Name").asText()).value(d.path("Value").asText())
          .build());
    }
    return list;
  }

  private List<String> refs(JsonNode actions) {
    List<String> arns = new ArrayList<>();
    actions.forEach(a -> arns.add(a.has("Ref") ? physicalId(a.path("Ref").asText()) : a.asText()));
    return arns;
  }

  /**
   * @param ruleLogicalId an {@code AWS::Events::Rule} of the template
   * @return the queue that receives what the rule matched
   */
  public Queue ruleQueue(String ruleLogicalId) {
    Queue queue = ruleQueues.get(ruleLogicalId);
    if (queue == null) {
      throw new IllegalStateException("no queue for rule " + ruleLogicalId + " on " + emulator.kind()
          + ": every rule of the template has one, found " + ruleQueues.keySet());
    }
    return queue;
  }

  /** @return the synthesized stack this deployment came from */
  public SynthesizedStack synthesized() {
    return synthesized;
  }

  /** @return the stack's name */
  public String stackName() {
    return stackName;
  }

  /**
   * @param logicalId a resource of the template
   * @return its physical id in the emulator (a name or an ARN, as CloudFormation's Ref gives it)
   */
  public String physicalId(String logicalId) {
    StackResource resource = created.get(logicalId);
    if (resource == null) {
      throw new AssertionError("the emulator's stack has no resource " + logicalId
          + (skipped.containsKey(logicalId) ? " (" + skipped.get(logicalId) + " is skipped: "
          + MOTO_SKIPS.get(skipped.get(logicalId)) + ")" : ""));
    }
    return resource.physicalResourceId();
  }

  /**
   * Resolves a template value the way CloudFormation did in this deployment: {@code Ref} to the
   * physical id, {@code Fn::GetAtt [X, Arn]}, {@code Fn::Join}, {@code Fn::Sub} and the pseudo
   * parameters. (moto keeps the functions its CloudFormation creates apart from the Lambda
   * backend that answers once Docker-less Lambda is on, so their configuration cannot be read
   * back; the tests resolve the template's environment here instead.)
   *
   * @param value a property value of the template
   * @return its text
   */
  public String resolve(JsonNode value) {
    if (value.isTextual() || value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    if (value.has("Ref")) {
      String ref = value.path("Ref").asText();
      return switch (ref) {
        case "AWS::AccountId" -> emulator.account();
        case "AWS::Region" -> emulator.region().id();
        case "AWS::Partition" -> "aws";
        case "AWS::URLSuffix" -> "amazonaws.com";
        default -> standIns.containsKey(ref) ? resolve(standIns.get(ref)) : physicalId(ref);
      };
    }
    if (value.has("Fn::GetAtt") && standIns.containsKey(value.path("Fn::GetAtt").path(0).asText())) {
      return resolve(standInForAttribute(standIns, value.path("Fn::GetAtt")));
    }
    if (value.has("Fn::GetAtt")) {
      return arnOf(value.path("Fn::GetAtt").path(0).asText(), value.path("Fn::GetAtt").path(1)
          .asText());
    }
    if (value.has("Fn::Join")) {
      List<String> parts = new ArrayList<>();
      value.path("Fn::Join").path(1).forEach(part -> parts.add(resolve(part)));
      return String.join(value.path("Fn::Join").path(0).asText(), parts);
    }
    if (value.has("Fn::Sub") && value.path("Fn::Sub").isTextual()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}")
          .matcher(value.path("Fn::Sub").asText());
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String name = m.group(1);
        String resolved = name.contains(".")
            ? arnOf(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1))
            : resolve(JSON.createObjectNode().put("Ref", name));
        m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(resolved));
      }
      m.appendTail(out);
      return out.toString();
    }
    throw new AssertionError("cannot resolve " + value + ": extend DeployedStack.resolve");
  }

  private String arnOf(String logicalId, String attribute) {
    if (!attribute.equals("Arn")) {
      throw new AssertionError("cannot resolve Fn::GetAtt " + logicalId + "." + attribute
          + ": extend DeployedStack.resolve");
    }
    String physical = physicalId(logicalId);
    if (physical.startsWith("arn:")) {
      return physical;
    }
    String type = created.get(logicalId).resourceType();
    return switch (type) {
      case "AWS::IAM::Role" -> "arn:aws:iam::" + emulator.account() + ":role/" + physical;
      case "AWS::Lambda::Function" -> emulator.arn("lambda", "function:" + physical);
      case "AWS::S3::Bucket" -> "arn:aws:s3:::" + physical;
      case "AWS::CloudWatch::Alarm" -> emulator.arn("cloudwatch", "alarm:" + physical);
      default -> throw new AssertionError("no ARN form for " + type + " " + logicalId
          + ": extend DeployedStack.resolve");
    };
  }

  /**
   * Creates a state machine of the template through the Step Functions API: its name, role and
   * definition, its {@code DefinitionSubstitutions} and every reference resolved to this
   * deployment's resources.
   *
   * @param stateMachineName its {@code StateMachineName} in the template
   * @param sfn the client (see {@link Emulator#stepFunctions})
   * @return its ARN
   */
  public String createStateMachine(String stateMachineName, SfnClient sfn) {
    JsonNode p = synthesized.properties(synthesized.logicalId("AWS::StepFunctions::StateMachine",
        "StateMachineName", stateMachineName));
    String resolved = definition(stateMachineName);
    return sfn.createStateMachine(b -> b.name(stateMachineName)
        .roleArn(resolve(p.path("RoleArn")))
        .definition(resolved)
        .type(p.path("StateMachineType").asText("STANDARD"))).stateMachineArn();
  }

  /**
   * @param stateMachineName its {@code StateMachineName} in the template
   * @return its definition as CloudFormation deploys it: substitutions and references resolved
   */
  public String definition(String stateMachineName) {
    JsonNode p = synthesized.properties(synthesized.logicalId("AWS::StepFunctions::StateMachine",
        "StateMachineName", stateMachineName));
    String definition = resolve(p.path("DefinitionString"));
    // CloudFormation replaces ${Name} by DefinitionSubstitutions.Name (the CDK's substitutions).
    for (Iterator<Map.Entry<String, JsonNode>> it = p.path("DefinitionSubstitutions").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      definition = definition.replace("${" + e.getKey() + "}", resolve(e.getValue()));
    }
    return definition;
  }

  /**
   * @param stateMachineArn a state machine's ARN in the stack
   * @return its {@code StateMachineName}
   */
  public static String stateMachineName(String stateMachineArn) {
    return stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
  }

  /** @return the created resources by logical id */
  public Map<String, StackResource> created() {
    return created;
  }

  /** @return the resources left out, logical id to type */
  public Map<String, String> skipped() {
    return skipped;
  }
}
