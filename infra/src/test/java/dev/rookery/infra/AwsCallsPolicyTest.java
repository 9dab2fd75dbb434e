package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.infra.constructs.TaskPermissions;
import dev.rookery.infra.constructs.TaskPermissions.On;
import dev.rookery.infra.constructs.TaskPermissions.Permission;
import dev.rookery.infra.iam.PolicyEvaluator;
import dev.rookery.infra.iam.PolicyEvaluator.Decision;
import dev.rookery.infra.iam.PolicyEvaluator.Request;
import dev.rookery.infra.iam.SynthesizedPolicies;
import dev.rookery.infra.iam.TemplateResolver;
import dev.rookery.statemachine.AslDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/**
 * Every AWS call the product makes, evaluated against the synthesized roles with IAM's logic
 * ({@link PolicyEvaluator}): the state machines' calls, derived from each Task's {@code Resource}
 * ({@link TaskPermissions}) and its Parameters, and the functions' calls, from the manifest the
 * functions tests check against the SDK requests they really send
 * ({@code functions/src/test/resources/aws-calls.json}). No call may be denied, and no statement
 * of those roles may allow an action that no call needs.
 *
 * <p>Resource names that a Task computes at run time ({@code .$} parameters) take the sample
 * values below, which follow the naming contracts in docs/architecture.md (jobs {@code rk-...},
 * run keys {@code runs/<execution>/...}); a Task whose name parameter has no sample fails the
 * test, naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCallsPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MANIFEST =
      TestApps.REPO.resolve("functions/src/test/resources/aws-calls.json");
  private static final String EXECUTION = "rk-0123456789abcdef";
  private static final String PACKAGE = "arn:aws:sagemaker:" + TemplateResolver.REGION + ":"
      + TemplateResolver.ACCOUNT + ":model-package/${Group}/3";

  /** Run-time values of the {@code .$} parameters that name a resource. */
  private static final Map<String, String> SAMPLES = Map.ofEntries(
      Map.entry("$.run.preprocessJobName", EXECUTION + "-preprocess"),
      Map.entry("$.run.tuningJobName", EXECUTION + "-tune"),
      Map.entry("$.run.evaluateJobName", EXECUTION + "-evaluate"),
      Map.entry("$.job.result.BestTrainingJob.TrainingJobName", EXECUTION + "-tune-001-1a2b3c4d"),
      Map.entry("$.run.inputKey", "runs/" + EXECUTION + "/input/dataset.csv"),
      Map.entry("$.run.evaluationKey", "runs/" + EXECUTION + "/evaluation/evaluation.json"),
      Map.entry("$.dataset.copySource", "${DataBucket}/incoming/penguins.csv?versionId=3sL4kqtJ"),
      Map.entry("$.approved.packages[0].ModelPackageArn", PACKAGE),
      Map.entry("$.modelPackageArn", PACKAGE),
      Map.entry("States.ArrayGetItem($.model..ModelPackageName, 0)", PACKAGE),
      Map.entry("$.deployment.endpointName", "${Endpoint}"),
      Map.entry("$.baseline.statisticsCopySource",
          "${ArtifactsBucket}/runs/" + EXECUTION + "/baseline/statistics.json"),
      Map.entry("$.baseline.constraintsCopySource",
          "${ArtifactsBucket}/runs/" + EXECUTION + "/baseline/constraints.json"),
      Map.entry("$.endpoint.endpointConfigName", "${Endpoint}-" + EXECUTION),
      Map.entry("$.variant.modelName", "${Endpoint}-" + EXECUTION),
      Map.entry("$.variant.variantName", "AllTraffic"),
      Map.entry("$.window.hourPath", "2024/05/01/11"),
      Map.entry("$.window.jobName", "rk-monitor-2024050111-a1b2"),
      Map.entry("$.quality.jobName", "rk-quality-2024050111-a1b2"),
      Map.entry("$.qualityBaseline.constraintsCopySource",
          "${ArtifactsBucket}/runs/" + EXECUTION + "/evaluation/model-quality/constraints.json"));

  /** The Task parameter naming the resource of a SageMaker noun. */
  private static final Map<String, String> NAME_PARAMETER = Map.of(
      "ProcessingJob", "ProcessingJobName", "TrainingJob", "TrainingJobName",
      "HyperParameterTuningJob", "HyperParameterTuningJobName", "Endpoint", "EndpointName",
      "EndpointConfig", "EndpointConfigName", "Model", "ModelName",
      "ModelPackage", "ModelPackageName", "ModelPackageGroup", "ModelPackageGroupName");
  private static final Map<String, String> ARN_KIND = Map.of(
      "ProcessingJob", "processing-job", "TrainingJob", "training-job",
      "HyperParameterTuningJob", "hyper-parameter-tuning-job", "Endpoint", "endpoint",
      "EndpointConfig", "endpoint-config", "Model", "model", "ModelPackage", "model-package",
      "ModelPackageGroup", "model-package-group");

  /**
   * What Step Functions itself calls with a state machine's role when logging ALL to CloudWatch
   * Logs and tracing with X-Ray (Step Functions developer guide, "cw-logs" IAM policy, and
   * "concepts-xray-tracing"); none has a resource-level permission.
   */
  private static final List<String> STATE_MACHINE_SERVICE_CALLS = List.of(
      "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
      "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies", "logs:DescribeLogGroups", "xray:PutTraceSegments",
      "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets");

  private final Map<String, SynthesizedPolicies> stacks = new LinkedHashMap<>();

  @BeforeAll
  void synthesise() {
    stacks.put("dev", new SynthesizedPolicies(
        Template.fromStack(TestApps.stack("dev", Map.of())).toJSON()));
    stacks.put("prod", new SynthesizedPolicies(
        Template.fromStack(TestApps.stack("prod", Map.of())).toJSON()));
    stacks.put("prod-model-monitor", new SynthesizedPolicies(Template.fromStack(
        TestApps.stack("prod", Map.of("monitoringEngine", "model-monitor"))).toJSON()));
  }

  /** One call: which role makes it, for what (state and parameter), and the request. */
  record Call(String roleId, String what, Request request, Optional<String> kmsKeyOfTopic) { }

  // ---------------------------------------------------------------------------------------------
  // The calls

  private static String s3Arn(String bucketAndKey) {
    return "arn:aws:s3:::" + bucketAndKey;
  }

  private static List<JsonNode> ofType(JsonNode resources, String type) {
    List<JsonNode> found = new ArrayList<>();
    resources.fields().forEachRemaining(e -> {
      if (e.getValue().path("Type").asText().equals(type)) {
        found.add(e.getValue());
      }
    });
    return found;
  }

  private static String logicalIdWithPrefix(JsonNode resources, String type, String prefix) {
    List<String> ids = new ArrayList<>();
    resources.fields().forEachRemaining(e -> {
      if (e.getValue().path("Type").asText().equals(type) && e.getKey().startsWith(prefix)) {
        ids.add(e.getKey());
      }
    });
    assertThat(ids).as(type + " " + prefix + "*").hasSize(1);
    return ids.get(0);
  }

  /** The environment's names the samples refer to. */
  private static Map<String, String> names(SynthesizedPolicies iam) {
    JsonNode r = iam.resources();
    Map<String, String> names = new LinkedHashMap<>();
    names.put("DataBucket", logicalIdWithPrefix(r, "AWS::S3::Bucket", "BucketsData")
        .toLowerCase(Locale.ROOT));
    names.put("ArtifactsBucket", logicalIdWithPrefix(r, "AWS::S3::Bucket", "BucketsArtifacts")
        .toLowerCase(Locale.ROOT));
    names.put("Group", ofType(r, "AWS::SageMaker::ModelPackageGroup").get(0)
        .at("/Properties/ModelPackageGroupName").asText().toLowerCase(Locale.ROOT));
    ofType(r, "AWS::Lambda::Function").forEach(f -> {
      JsonNode endpoint = f.at("/Properties/Environment/Variables/ENDPOINT_NAME");
      if (!endpoint.isMissingNode()) {
        names.put("Endpoint", endpoint.asText());
      }
    });
    return names;
  }

  private static String fill(String sample, Map<String, String> names) {
    String out = sample;
    for (Map.Entry<String, String> e : names.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  private static final Pattern FORMAT = Pattern.compile("States\\.Format\\('(.*)',\\s*(.*)\\)");

  /** A Task parameter's value: the literal, or the sample of its {@code .$} expression. */
  private static String parameter(String state, JsonNode params, String name,
      Map<String, String> names) {
    if (params.has(name)) {
      return params.get(name).asText();
    }
    String expression = params.path(name + ".$").asText(null);
    if (expression == null) {
      throw new AssertionError(state + ": no parameter " + name + " in " + params);
    }
    if (SAMPLES.containsKey(expression)) {
      return fill(SAMPLES.get(expression), names);
    }
    Matcher format = FORMAT.matcher(expression);
    if (format.matches()) {
      String out = format.group(1);
      for (String arg : format.group(2).split(",\\s*")) {
        String value = SAMPLES.get(arg.trim());
        if (value == null) {
          throw new AssertionError(state + ": no sample for " + arg + " (in " + expression + ")");
        }
        out = out.replaceFirst("\\{}", Matcher.quoteReplacement(fill(value, names)));
      }
      return out;
    }
    throw new AssertionError(state + ": no sample value for " + name + ".$ = " + expression
        + " (add one to AwsCallsPolicyTest.SAMPLES)");
  }

  private static String roleArnParameter(JsonNode params) {
    List<JsonNode> found = params.findValues("RoleArn");
    assertThat(found).as("RoleArn in " + params).isNotEmpty();
    return found.get(0).asText();
  }

  private static String sageMakerNoun(String action) {
    String api = action.substring("sagemaker:".length());
    return NAME_PARAMETER.keySet().stream().filter(api::endsWith)
        .max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow(
            () -> new AssertionError("no resource noun in " + action));
  }

  private static String sageMakerArn(String noun, String name) {
    return name.startsWith("arn:") ? name : "arn:aws:sagemaker:" + TemplateResolver.REGION + ":"
        + TemplateResolver.ACCOUNT + ":" + ARN_KIND.get(noun) + "/" + name.toLowerCase(Locale.ROOT);
  }

  private static Request request(SynthesizedPolicies iam, String roleId, String action,
      String resource) {
    return new Request(iam.roleArn(roleId), TemplateResolver.ACCOUNT, action, resource,
        Map.of("aws:SecureTransport", List.of("true")));
  }

  private static AslDefinition definitionOf(JsonNode machine) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    machine.at("/Properties/DefinitionSubstitutions").fields()
        .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    String text = machine.at("/Properties/DefinitionString").asText();
    return new AslDefinition(machine.at("/Properties/StateMachineName").asText(), text,
        JSON.readTree(text)).substitute(values);
  }

  private static String topicKey(SynthesizedPolicies iam, String topicArn) {
    return ofType(iam.resources(), "AWS::SNS::Topic").stream()
        .filter(t -> topicArn.endsWith(":" + t.at("/Properties/TopicName").asText()))
        .findFirst().orElseThrow().at("/Properties/KmsMasterKeyId").asText();
  }

  private static List<Call> stateMachineCalls(SynthesizedPolicies iam) throws IOException {
    Map<String, String> names = names(iam);
    List<Call> calls = new ArrayList<>();
    List<String> machineIds = new ArrayList<>();
    iam.resources().fields().forEachRemaining(e -> {
      if (e.getValue().path("Type").asText().equals("AWS::StepFunctions::StateMachine")) {
        machineIds.add(e.getKey());
      }
    });
    for (String machineId : machineIds) {
      JsonNode machine = iam.resources().get(machineId);
      String roleId = iam.roleIdOf(machineId);
      AslDefinition definition = definitionOf(machine);
      for (Map.Entry<String, JsonNode> task : definition.allTasks().entrySet()) {
        String state = definition.name() + "." + task.getKey();
        String resource = task.getValue().path("Resource").asText();
        JsonNode params = task.getValue().path("Parameters");
        List<Permission> needed = TaskPermissions.of(resource).orElseThrow(
            () -> new AssertionError(state + ": " + resource + " is not in TaskPermissions"));
        for (Permission p : needed) {
          String target = switch (p.on()) {
            case ANY -> "*";
            case MANAGED_RULE -> "arn:aws:events:" + TemplateResolver.REGION + ":"
                + TemplateResolver.ACCOUNT + ":rule/" + p.managedRule();
            case PASSED_ROLE -> roleArnParameter(params);
            case EXECUTION -> {
              String sm = parameter(state, params, "StateMachineArn", names);
              yield sm.replace(":stateMachine:", ":execution:") + ":" + EXECUTION + "-deploy";
            }
            case COPY_SOURCE -> s3Arn(parameter(state, params, "CopySource", names)
                .replaceFirst("\\?versionId=.*$", ""));
            case TARGET -> switch (p.action()) {
              case "lambda:InvokeFunction" -> params.has("FunctionName")
                  ? parameter(state, params, "FunctionName", names) : resource;
              case "sns:Publish" -> parameter(state, params, "TopicArn", names);
              case "states:StartExecution" -> parameter(state, params, "StateMachineArn", names);
              case "s3:ListBucket" -> s3Arn(parameter(state, params, "Bucket", names));
              case "s3:GetObject", "s3:PutObject" -> s3Arn(parameter(state, params, "Bucket", names)
                  + "/" + parameter(state, params, "Key", names));
              default -> {
                if (!p.action().startsWith("sagemaker:")) {
                  throw new AssertionError(state + ": no resource rule for " + p.action());
                }
                String noun = sageMakerNoun(p.action());
                yield sageMakerArn(noun, parameter(state, params, NAME_PARAMETER.get(noun), names));
              }
            };
          };
          Request request = request(iam, roleId, p.action(), target);
          if (p.on() == On.PASSED_ROLE) {
            request = request.with("iam:PassedToService", "sagemaker.amazonaws.com");
          }
          if (p.action().equals("s3:ListBucket") && params.has("Prefix.$")) {
            request = request.with("s3:prefix", parameter(state, params, "Prefix", names));
          }
          calls.add(new Call(roleId, state + " " + p.action(), request,
              p.action().equals("sns:Publish") ? Optional.of(topicKey(iam, target))
                  : Optional.empty()));
          if (p.on() == On.COPY_SOURCE
              && parameter(state, params, "CopySource", names).contains("?versionId=")) {
            calls.add(new Call(roleId, state + " s3:GetObjectVersion",
                request(iam, roleId, "s3:GetObjectVersion", target), Optional.empty()));
          }
        }
      }
      for (String action : STATE_MACHINE_SERVICE_CALLS) {
        calls.add(new Call(roleId, definition.name() + " (logging, tracing) " + action,
            request(iam, roleId, action, "*"), Optional.empty()));
      }
    }
    return calls;
  }

  private static List<Call> functionCalls(SynthesizedPolicies iam) throws IOException {
    Map<String, String> names = names(iam);
    JsonNode manifest = JSON.readTree(Files.readString(MANIFEST));
    List<Call> calls = new ArrayList<>();
    List<String> functionIds = new ArrayList<>();
    iam.resources().fields().forEachRemaining(e -> {
      if (e.getValue().path("Type").asText().equals("AWS::Lambda::Function")
          && e.getValue().at("/Properties/Handler").asText().startsWith("dev.rookery.functions.")) {
        functionIds.add(e.getKey());
      }
    });
    assertThat(functionIds).isNotEmpty();
    for (String functionId : functionIds) {
      JsonNode props = iam.resources().get(functionId).path("Properties");
      String pkg = props.path("Handler").asText().split("\\.")[3];
      JsonNode env = props.at("/Environment/Variables");
      String roleId = iam.roleIdOf(functionId);
      String fn = pkg + " function";
      assertThat(manifest.has(pkg)).as(fn + " in " + MANIFEST).isTrue();
      for (JsonNode entry : manifest.get(pkg)) {
        String call = entry.asText();
        String service = call.substring(0, call.indexOf(':'));
        String operation = call.substring(call.indexOf(':') + 1);
        List<Request> requests = new ArrayList<>();
        Optional<String> key = Optional.empty();
        switch (call) {
          case "sfn:StartExecution" -> requests.add(request(iam, roleId, "states:StartExecution",
              env.has("STATE_MACHINE_ARN") ? env.get("STATE_MACHINE_ARN").asText()
                  : env.get("DEPLOY_STATE_MACHINE_ARN").asText()));
          case "sfn:DescribeExecution" -> {
            // the approval function reads deploy executions; the failure function those of every
            // Rookery state machine (the status-change events of each)
            List<String> machines = env.has("DEPLOY_STATE_MACHINE_ARN")
                ? List.of(env.get("DEPLOY_STATE_MACHINE_ARN").asText())
                : ofType(iam.resources(), "AWS::StepFunctions::StateMachine").stream()
                    .map(m -> "arn:aws:states:" + TemplateResolver.REGION + ":"
                        + TemplateResolver.ACCOUNT + ":stateMachine:"
                        + m.at("/Properties/StateMachineName").asText())
                    .toList();
            for (String machine : machines) {
              requests.add(request(iam, roleId, "states:DescribeExecution",
                  machine.replace(":stateMachine:", ":execution:") + ":" + EXECUTION + "-v3"));
            }
          }
          case "s3:CreateMultipartUpload", "s3:UploadPartCopy", "s3:CompleteMultipartUpload" -> {
            // an upload over 5 GiB copied in parts to the run's input: IAM authorizes the parts
            // as s3:PutObject on the target, and UploadPartCopy reads the source version
            requests.add(request(iam, roleId, "s3:PutObject", s3Arn(names.get("ArtifactsBucket")
                + "/runs/" + EXECUTION + "/input/dataset.csv")));
            if (operation.equals("UploadPartCopy")) {
              String source = s3Arn(names.get("DataBucket") + "/incoming/penguins.csv");
              requests.add(request(iam, roleId, "s3:GetObject", source));
              requests.add(request(iam, roleId, "s3:GetObjectVersion", source));
            }
          }
          case "s3:AbortMultipartUpload" -> requests.add(request(iam, roleId,
              "s3:AbortMultipartUpload", s3Arn(names.get("ArtifactsBucket") + "/runs/" + EXECUTION
                  + "/input/dataset.csv")));
          case "sns:Publish" -> {
            String topic = env.get("NOTIFICATION_TOPIC_ARN").asText();
            requests.add(request(iam, roleId, "sns:Publish", topic));
            key = Optional.of(topicKey(iam, topic));
          }
          case "s3:GetObject" -> {
            if (pkg.equals("trigger")) {
              // the uploaded version: GetObject with a versionId is s3:GetObjectVersion too
              String object = s3Arn(names.get("DataBucket") + "/incoming/penguins.csv");
              requests.add(request(iam, roleId, "s3:GetObject", object));
              requests.add(request(iam, roleId, "s3:GetObjectVersion", object));
            } else if (pkg.equals("register")) {
              requests.add(request(iam, roleId, "s3:GetObject", s3Arn(names.get("ArtifactsBucket")
                  + "/runs/" + EXECUTION + "/run.json")));
            } else {
              requests.add(request(iam, roleId, "s3:GetObject", s3Arn(names.get("ArtifactsBucket")
                  + "/monitoring/reports/rookery/2024/05/01/11/cloudwatch_metrics.json")));
            }
          }
          // register completes the run record the evaluate job wrote
          case "s3:PutObject" -> requests.add(request(iam, roleId, "s3:PutObject",
              s3Arn(names.get("ArtifactsBucket") + "/runs/" + EXECUTION + "/run.json")));
          // the retrain function: the newest upload under incoming/, and the pipeline's history
          case "s3:ListObjectsV2" -> requests.add(request(iam, roleId, "s3:ListBucket",
              s3Arn(names.get("DataBucket"))).with("s3:prefix", env.get("DATASET_PREFIX").asText()));
          case "s3:HeadObject" -> requests.add(request(iam, roleId, "s3:GetObject",
              s3Arn(names.get("DataBucket") + "/incoming/penguins.csv")));
          case "sfn:ListExecutions" -> requests.add(request(iam, roleId, "states:ListExecutions",
              env.get("STATE_MACHINE_ARN").asText()));
          case "cloudwatch:PutMetricData" -> requests.add(request(iam, roleId,
              "cloudwatch:PutMetricData", "*").with("cloudwatch:namespace",
              env.get("METRICS_NAMESPACE").asText()));
          default -> {
            if (!service.equals("sagemaker")) {
              throw new AssertionError(fn + ": no resource rule for " + call);
            }
            String noun = sageMakerNoun("sagemaker:" + operation);
            String name = switch (noun) {
              case "Endpoint" -> env.get("ENDPOINT_NAME").asText();
              case "EndpointConfig", "Model" -> env.get("ENDPOINT_NAME").asText() + "-" + EXECUTION;
              case "ModelPackage" -> names.get("Group") + "/3";
              case "ModelPackageGroup" -> env.get("MODEL_PACKAGE_GROUP_NAME").asText();
              default -> throw new AssertionError(fn + ": no resource rule for " + call);
            };
            requests.add(request(iam, roleId, "sagemaker:" + operation, sageMakerArn(noun, name)));
            if (operation.equals("CreateModel")) {
              requests.add(request(iam, roleId, "iam:PassRole",
                  env.get("SAGEMAKER_ROLE_ARN").asText())
                  .with("iam:PassedToService", "sagemaker.amazonaws.com"));
            }
          }
        }
        for (Request r : requests) {
          calls.add(new Call(roleId, fn + " " + call + " -> " + r.action(), r,
              r.action().equals("sns:Publish") ? key : Optional.empty()));
        }
      }
      // The Lambda runtime writes the function's logs with its role.
      String logGroup = "arn:aws:logs:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT
          + ":log-group:" + props.at("/LoggingConfig/LogGroup").asText();
      for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
        calls.add(new Call(roleId, fn + " (runtime) " + action,
            request(iam, roleId, action, logGroup + ":log-stream:2024/05/01/[1]abc"),
            Optional.empty()));
      }
      // Active tracing: the runtime sends the function's segments with its role (Lambda developer
      // guide, "Using AWS X-Ray"); neither action has a resource-level permission.
      for (String action : List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords")) {
        calls.add(new Call(roleId, fn + " (tracing) " + action, request(iam, roleId, action, "*"),
            Optional.empty()));
      }
    }
    return calls;
  }

  private List<Call> allCalls(String stack) throws IOException {
    SynthesizedPolicies iam = stacks.get(stack);
    List<Call> calls = new ArrayList<>(stateMachineCalls(iam));
    calls.addAll(functionCalls(iam));
    return calls;
  }

  // ---------------------------------------------------------------------------------------------
  // The checks

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "prod-model-monitor"})
  void everyCall_synthesizedRoles_allowIt(String stack) throws IOException {
    // given every call of the state machines and functions
    SynthesizedPolicies iam = stacks.get(stack);
    List<Call> calls = allCalls(stack);
    assertThat(calls).hasSizeGreaterThan(40);
    // when each is evaluated against its role's policies (and the topic key for publishes)
    Map<String, Decision> denied = new LinkedHashMap<>();
    for (Call call : calls) {
      List<JsonNode> identity = iam.identityByRoleId().get(call.roleId());
      Decision decision = PolicyEvaluator.identityOnly(identity, call.request());
      if (decision != Decision.ALLOW) {
        denied.put(call.what() + " on " + call.request().resource(), decision);
      }
      if (call.kmsKeyOfTopic().isPresent()) {
        String key = call.kmsKeyOfTopic().get();
        for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
          Request use = new Request(call.request().principal(), TemplateResolver.ACCOUNT, action,
              key, Map.of());
          Decision kms = PolicyEvaluator.kms(identity, iam.keyPolicy(key).orElseThrow(), use);
          if (kms != Decision.ALLOW) {
            denied.put(call.what() + " needs " + action + " on " + key, kms);
          }
        }
      }
    }
    // then
    assertThat(denied).as("calls the synthesized policies do not allow").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "prod-model-monitor"})
  void everyGrantedAction_stateMachineAndFunctionRoles_neededByACall(String stack)
      throws IOException {
    // given the calls, by role, with the KMS uses of publishes
    SynthesizedPolicies iam = stacks.get(stack);
    Map<String, List<Request>> byRole = new LinkedHashMap<>();
    for (Call call : allCalls(stack)) {
      List<Request> requests = byRole.computeIfAbsent(call.roleId(), k -> new ArrayList<>());
      requests.add(call.request());
      call.kmsKeyOfTopic().ifPresent(key -> List.of("kms:GenerateDataKey", "kms:Decrypt")
          .forEach(a -> requests.add(new Request(call.request().principal(),
              TemplateResolver.ACCOUNT, a, key, Map.of()))));
    }
    // when each Allow statement's actions are matched against the calls it applies to
    List<String> unused = new ArrayList<>();
    byRole.forEach((roleId, requests) -> {
      for (JsonNode statement : iam.identityByRoleId().get(roleId)) {
        if (!"Allow".equals(statement.path("Effect").asText())) {
          continue;
        }
        for (JsonNode action : iterable(statement.path("Action"))) {
          boolean used = requests.stream().anyMatch(r -> PolicyEvaluator.applies(statement,
              new Request(r.principal(), r.account(), r.action(), r.resource(), r.context()))
              && matchesAction(action.asText(), r.action()));
          if (!used) {
            unused.add(roleId + ": " + action.asText() + " on " + statement.path("Resource"));
          }
        }
      }
    });
    // then
    assertThat(new TreeSet<>(unused)).as("granted actions no call needs").isEmpty();
  }

  private static boolean matchesAction(String pattern, String action) {
    return PolicyEvaluator.applies(JSON.createObjectNode().put("Effect", "Allow")
        .put("Action", pattern).put("Resource", "*"), new Request("arn:aws:iam::1:role/x",
        TemplateResolver.ACCOUNT, action, "*", Map.of()));
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node.isArray() ? node : List.of(node);
  }
}
