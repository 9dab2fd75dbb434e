package dev.rookery.infra;

import static dev.rookery.infra.FunctionAssertions.assertFunctionEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Matcher;
import software.amazon.awscdk.assertions.Template;

/** The dev stack of the real cdk.json ({@code processing} engine, auto approval, all at once). */
class RookeryStackTest {
  private static RookeryStack stack;
  private static Template template;

  @BeforeAll
  static void synthesise() {
    stack = TestApps.stack("dev", Map.of());
    template = Template.fromStack(stack);
  }

  @Test
  void dataBucket_always_versionedEncryptedPrivateWithEventBridge() {
    // given the dev stack / when / then
    template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
        "VersioningConfiguration", Map.of("Status", "Enabled"),
        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
            "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true,
            "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true))));
  }

  @Test
  void dataBucket_always_sendsEventsToEventBridge() {
    template.hasResourceProperties("Custom::S3BucketNotifications", Match.objectLike(Map.of(
        "NotificationConfiguration", Map.of("EventBridgeConfiguration", Map.of()))));
  }

  @Test
  void buckets_always_denyNonSslRequests() {
    template.resourcePropertiesCountIs("AWS::S3::BucketPolicy", Match.objectLike(Map.of(
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
            Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))), 3);
  }

  @Test
  void artifactsBucket_capturePrefix_expiresAfterConfiguredDays() {
    template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
        "LifecycleConfiguration", Map.of("Rules", List.of(Map.of("Id", "ExpireCapturedRequests",
            "Prefix", "capture/", "ExpirationInDays", 30, "Status", "Enabled"),
            // the labels the model-quality job joins to the captured requests expire with them
            Map.of("Id", "ExpireGroundTruth",
            "Prefix", "ground-truth/", "ExpirationInDays", 30, "Status", "Enabled"))))));
  }

  @Test
  void datasetRule_uploadUnderIncoming_invokesTriggerAlias() {
    Capture target = new Capture();
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
        "EventPattern", Map.of("source", List.of("aws.s3"), "detail-type", List.of("Object Created"),
            "detail", Map.of("bucket", Map.of("name", List.of(Map.of("Ref", Match.stringLikeRegexp("BucketsData.*")))),
                "object", Map.of("key", List.of(Map.of("prefix", "incoming/"))))),
        "Targets", List.of(Match.objectLike(Map.of("Arn", target))))));
    assertThat(target.asObject().toString()).contains("TriggerFunctionAlias");
  }

  @Test
  void approvalRule_approvedPackageOfThisGroup_invokesApprovalAlias() {
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
        "EventPattern", Map.of("source", List.of("aws.sagemaker"),
            "detail-type", List.of("SageMaker Model Package State Change"),
            "detail", Map.of("ModelPackageGroupName", List.of("rookery-dev"),
                "ModelApprovalStatus", List.of("Approved"))),
        "Targets", List.of(Match.objectLike(Map.of("Arn",
            Map.of("Ref", Match.stringLikeRegexp("ApprovalFunctionAlias.*"))))))));
  }

  @Test
  void failureRule_failedTimedOutAborted_invokesFailureFunctionAlias() {
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
        "EventPattern", Match.objectLike(Map.of("source", List.of("aws.states"),
            "detail-type", List.of("Step Functions Execution Status Change"))),
        "Targets", List.of(Match.objectLike(Map.of("Arn",
            Map.of("Ref", Match.stringLikeRegexp("FailureFunctionAlias.*"))))))));
  }

  @Test
  void failureRule_documentedEventWithoutErrorOrCause_stillMatches() {
    // given every rule on Step Functions execution status changes
    Map<String, Map<String, Object>> rules = template.findResources("AWS::Events::Rule",
        Map.of("Properties", Match.objectLike(Map.of("EventPattern",
            Match.objectLike(Map.of("source", List.of("aws.states")))))));
    // when
    @SuppressWarnings("unchecked")
    Map<String, Object> detail = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        rules.values().iterator().next().get("Properties")).get("EventPattern")).get("detail");
    // then: AWS's documented FAILED example has no detail.error / detail.cause, so the rule filters
    // on the status only (the failure function reads them from DescribeExecution)
    assertThat(rules).hasSize(1);
    assertThat(detail).containsOnlyKeys("stateMachineArn", "status");
    assertThat(detail.get("status")).isEqualTo(List.of("FAILED", "TIMED_OUT", "ABORTED"));
    assertThat(((List<?>) detail.get("stateMachineArn"))).hasSize(3);
  }

  @Test
  void failureFunction_always_describesExecutionsAndPublishes() {
    assertFunctionEnvironment(template, "failure.ExecutionFailureHandler", Map.of(
        "NOTIFICATION_TOPIC_ARN", Map.of("Ref", Match.stringLikeRegexp("NotificationsTopic.*"))));
    assertThat(rolePolicy("FailureFunctionRole")).contains("states:DescribeExecution").contains("sns:Publish");
  }

  @Test
  void triggerFunction_uploadOverFiveGib_canCopyItInPartsToTheRunInput() {
    assertFunctionEnvironment(template, "trigger.TriggerHandler", Map.of(
        "ARTIFACTS_BUCKET", Map.of("Ref", Match.stringLikeRegexp("BucketsArtifacts.*"))));
    assertThat(rolePolicy("TriggerFunctionRole")).contains("s3:PutObject").contains("s3:AbortMultipartUpload")
        .contains("/runs/*/input/*");
  }

  @Test
  void approvalFunction_always_knowsTheEndpointWhoseServedVersionItCompares() {
    assertFunctionEnvironment(template, "approval.DeployOnApprovalHandler",
        Map.of("ENDPOINT_NAME", "rookery-dev"));
  }

  @Test
  void functions_always_java25SnapStartJsonLogsC1Only() {
    template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Runtime", "java25", "MemorySize", 1024,
        "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
        "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON")),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"))))), 7);
  }

  @Test
  void functions_always_reachedThroughLiveAlias() {
    template.resourcePropertiesCountIs("AWS::Lambda::Alias",
        Match.objectLike(Map.of("Name", "live")), 7);
  }

  @Test
  void deployFunction_devEnvironment_carriesCaptureAndAllAtOnce() {
    assertFunctionEnvironment(template, "deploy.DeployHandler", Map.of(
        "ENDPOINT_NAME", "rookery-dev", "VARIANT_NAME", "AllTraffic",
        "CAPTURE_PERCENT", "100", "INSTANCE_COUNT", "1",
        "DEPLOYMENT_STRATEGY", "ALL_AT_ONCE", "ROLLBACK_ALARM_NAMES", ""));
  }

  @Test
  void registerFunction_autoApproval_registersApproved() {
    assertFunctionEnvironment(template, "register.RegisterHandler", Map.of(
        "MODEL_PACKAGE_GROUP_NAME", "rookery-dev", "APPROVAL_STATUS", "Approved"));
  }

  @Test
  void triggerFunction_always_carriesPipelineSettingsWithEnvironmentApproval() {
    assertFunctionEnvironment(template, "trigger.TriggerHandler", Map.of(
        "PIPELINE_SETTINGS", Match.stringLikeRegexp(
            ".*\"target\":\"species\".*\"approval\":\"auto\",\"capture_percent\":100.*")));
  }

  @Test
  void pipelineStateMachine_definition_holdsTheThreeSyncIntegrations() {
    String definition = TestApps.definitionString(template, "rookery-dev-pipeline");
    assertThat(definition)
        .contains("arn:aws:states:::sagemaker:createProcessingJob.sync")
        .contains("arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync")
        .contains("arn:aws:states:::states:startExecution.sync:2");
  }

  @Test
  void stateMachines_lambdaTasks_invokeAPublishedAliasNeverLatest() {
    // given every ${...FunctionArn} substitution of every state machine
    Map<String, Map<String, Object>> machines =
        template.findResources("AWS::StepFunctions::StateMachine");
    Map<String, Map<String, Object>> aliases = template.findResources("AWS::Lambda::Alias");
    java.util.Set<String> checked = new java.util.TreeSet<>();
    for (Map<String, Object> machine : machines.values()) {
      Map<?, ?> substitutions = (Map<?, ?>) ((Map<?, ?>) machine.get("Properties")).get("DefinitionSubstitutions");
      for (Map.Entry<?, ?> entry : substitutions.entrySet()) {
        if (!String.valueOf(entry.getKey()).endsWith("FunctionArn")) {
          continue;
        }
        // then: a Ref to an AWS::Lambda::Alias (its ARN, qualified), so SnapStart applies; a
        // function's own ARN would invoke $LATEST
        Object ref = ((Map<?, ?>) entry.getValue()).get("Ref");
        assertThat(aliases).as(entry.getKey() + " = " + entry.getValue()).containsKey(String.valueOf(ref));
        checked.add(String.valueOf(entry.getKey()));
      }
    }
    assertThat(checked).containsExactly("DeployFunctionArn", "PublishMetricsFunctionArn", "RegisterFunctionArn");
  }

  @Test
  void stateMachines_realDefinitions_everyPlaceholderSubstituted() {
    // given every state machine of the stack
    Map<String, Map<String, Object>> machines =
        template.findResources("AWS::StepFunctions::StateMachine");
    // when / then: each ${Name} in a definition has a substitution, so none is left on AWS
    assertThat(machines).hasSize(3);
    machines.forEach((id, resource) -> {
      Map<?, ?> props = (Map<?, ?>) resource.get("Properties");
      String definition = String.valueOf(props.get("DefinitionString"));
      Map<?, ?> substitutions = (Map<?, ?>) props.get("DefinitionSubstitutions");
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9_]+)\\}")
          .matcher(definition);
      while (m.find()) {
        assertThat(substitutions.containsKey(m.group(1))).as(id + " substitutes " + m.group(1)).isTrue();
      }
      assertThat(definition).as(id).contains("${");
    });
  }

  @Test
  void functions_always_traceActiveWithPowertoolsSettings() {
    Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function",
        Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
            "Handler", Match.stringLikeRegexp("dev\\.rookery\\.functions\\..*"))))));
    assertThat(functions).as("trigger, register, deploy, approval, failure, publish-metrics, retrain").hasSize(7);
    template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", Match.stringLikeRegexp("dev\\.rookery\\.functions\\..*"),
        "TracingConfig", Map.of("Mode", "Active"),
        "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON", "ApplicationLogLevel", "DEBUG")),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "POWERTOOLS_SERVICE_NAME", "rookery",
            "POWERTOOLS_METRICS_NAMESPACE", "Rookery",
            "POWERTOOLS_LOG_LEVEL", "DEBUG"))))), functions.size());
  }

  @Test
  void stateMachines_always_logAllAndTrace() {
    template.resourcePropertiesCountIs("AWS::StepFunctions::StateMachine", Match.objectLike(Map.of(
        "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", true)),
        "TracingConfiguration", Map.of("Enabled", true))), 3);
  }

  @Test
  void pipelineRole_passRole_onlyToSageMaker() {
    template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
        "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("PipelineStateMachineRole.*"))),
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
            Match.objectLike(Map.of("Action", "iam:PassRole",
                "Condition", Map.of("StringEquals",
                    Map.of("iam:PassedToService", "sagemaker.amazonaws.com")),
                "Resource", Map.of("Fn::GetAtt", List.of(
                    Match.stringLikeRegexp("SageMakerRole.*"), "Arn")))))))))));
  }

  @Test
  void approvalFunction_describeExecution_onlyOnDeployMachineExecutions() {
    // given the policies that allow states:DescribeExecution
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy",
        Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("PolicyDocument",
            Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(
                Map.of("Action", "states:DescribeExecution")))))))))));

    // then: two: the approval function's, on executions of the deploy machine only
    // (arn:...:execution:<deploy machine name>:*), and the failure function's (every watched machine)
    assertThat(policies).hasSize(2);
    String approval = policies.entrySet().stream().filter(e -> e.getKey().startsWith("ApprovalFunction"))
        .findFirst().orElseThrow().getValue().toString();
    assertThat(approval).contains(":execution:", "DeployStateMachine")
        .doesNotContain("PipelineStateMachine", "MonitoringStateMachine");
    assertThat(policies.keySet()).anyMatch(k -> k.startsWith("FailureFunction"));
  }

  /** The statements of the deploy state machine's role policy. */
  private static String deployRolePolicy() {
    return rolePolicy("DeployStateMachineRole");
  }

  private static String rolePolicy(String roleId) {
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy",
        Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Roles",
            List.of(Map.of("Ref", Match.stringLikeRegexp(roleId + ".*"))))))));
    assertThat(policies).hasSize(1);
    return policies.values().iterator().next().toString();
  }

  /** {@code hasResourceProperties} on the policy of the role {@code roleId*} holding {@code statement}. */
  private static void assertRoleHas(String roleId, Map<String, Object> statement) {
    template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
        "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp(roleId + ".*"))),
        "PolicyDocument", Match.objectLike(Map.of("Statement",
            Match.arrayWith(List.of(Match.objectLike(statement))))))));
  }

  private static void assertDeployRoleHas(Map<String, Object> statement) {
    assertRoleHas("DeployStateMachineRole", statement);
  }

  @Test
  void pipelineRole_locateBestModel_describesTheTuningJobsTrainingJobs() {
    // the best training job is named <tuning job>-NNN-<hash>, so it shares the rk- prefix
    assertRoleHas("PipelineStateMachineRole", Map.of("Action", "sagemaker:DescribeTrainingJob",
        "Resource", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
            ":training-job/rk-*"))))));
  }

  // What the SageMaker execution role needs for training (tuning), processing and hosting: S3
  // GetObject/PutObject/ListBucket, ECR GetAuthorizationToken + BatchCheckLayerAvailability +
  // GetDownloadUrlForLayer + BatchGetImage, CloudWatch PutMetricData, CloudWatch Logs
  // CreateLogGroup/CreateLogStream/PutLogEvents/DescribeLogStreams (SageMaker developer guide,
  // sagemaker-roles.md, "CreateHyperParameterTuningJob / CreateProcessingJob / CreateModel API:
  // Execution Role Permissions").

  @Test
  void sageMakerRole_image_pulledFromItsRepository() {
    assertRoleHas("SageMakerRole", Map.of("Action", List.of("ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage")));
  }

  @Test
  void sageMakerRole_image_authorizationTokenHasNoResourceScope() {
    assertRoleHas("SageMakerRole", Map.of("Action", "ecr:GetAuthorizationToken", "Resource", "*"));
  }

  @Test
  void sageMakerRole_jobLogs_writtenUnderAwsSagemaker() {
    assertRoleHas("SageMakerRole", Map.of("Sid", "SageMakerJobLogs",
        "Action", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
            "logs:DescribeLogStreams"),
        "Resource", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
            ":log-group:/aws/sagemaker/*"))))));
  }

  @Test
  void sageMakerRole_metrics_onlyInSageMakerNamespaces() {
    assertRoleHas("SageMakerRole", Map.of("Sid", "SageMakerMetrics",
        "Action", "cloudwatch:PutMetricData", "Resource", "*",
        "Condition", Map.of("StringLike", Map.of("cloudwatch:namespace",
            List.of("/aws/sagemaker/*", "aws/sagemaker/*")))));
  }

  @Test
  void sageMakerRole_dataBucket_notGranted() {
    // PinDataset copies the upload into runs/<execution>/input/ before any job starts
    assertThat(rolePolicy("SageMakerRole")).doesNotContain("BucketsData");
  }

  @Test
  void sageMakerRole_artifactsBucket_readOnlyTheJobsPrefixes() {
    assertRoleHas("SageMakerRole", Map.of("Sid", "ArtifactsRead", "Action", "s3:GetObject",
        "Resource", List.of(artifactsObjectArn("runs/*"), artifactsObjectArn("capture/*"),
            artifactsObjectArn("monitoring/baseline/*"), artifactsObjectArn("ground-truth/*"))));
  }

  @Test
  void sageMakerRole_artifactsBucket_writeRunsCaptureAndMonitoringReports() {
    // monitoring/rookery-dev/*: the processing engine's hourly folders; monitoring/reports/*: the
    // Model Monitor schedule's; not monitoring/baseline/*, which only the deploy machine writes
    assertRoleHas("SageMakerRole", Map.of("Sid", "ArtifactsWrite",
        "Action", List.of("s3:PutObject", "s3:AbortMultipartUpload"),
        "Resource", List.of(artifactsObjectArn("runs/*"), artifactsObjectArn("capture/*"),
            artifactsObjectArn("monitoring/rookery-dev/*"), artifactsObjectArn("monitoring/reports/*"))));
  }

  @Test
  void sageMakerRole_artifactsBucket_listOnlyUnderTheJobsPrefixes() {
    assertRoleHas("SageMakerRole", Map.of("Sid", "ArtifactsList", "Action", "s3:ListBucket",
        "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsArtifacts.*"), "Arn")),
        "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("runs/*", "capture/*", "monitoring/*", "ground-truth/*")))));
  }

  @Test
  void sageMakerRole_s3_noWholeBucketObjectAccessNoDelete() {
    // given
    String policy = rolePolicy("SageMakerRole");
    // then: no s3:DeleteObject*, no s3:GetObject* / s3:List* wildcards from grantRead(Write)
    assertThat(policy).doesNotContain("s3:DeleteObject", "s3:GetObject*", "s3:List*", "s3:PutObject*");
    assertThat(policy).doesNotContainPattern("Arn\\]\\}, /\\*\\]");
  }

  /** {@code arn:...:s3:::<artefacts bucket>/<key>} as CDK writes it. */
  private static Map<String, Object> artifactsObjectArn(String key) {
    return Map.of("Fn::Join", List.of("", List.of(
        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsArtifacts.*"), "Arn")),
        "/" + key)));
  }

  @Test
  void deployRole_copyObject_getObjectOnRunBaselinesOnly() {
    assertDeployRoleHas(Map.of("Sid", "CopyObjectSource", "Action", "s3:GetObject",
        "Resource", List.of(artifactsObjectArn("runs/*/baseline/*"),
            artifactsObjectArn("runs/*/evaluation/model-quality/constraints.json"))));
  }

  @Test
  void deployRole_copyObject_putObjectOnTheFixedBaselineKeysOnly() {
    assertDeployRoleHas(Map.of("Sid", "CopyObjectDestination", "Action", "s3:PutObject",
        "Resource", List.of(artifactsObjectArn("monitoring/baseline/statistics.json"),
            artifactsObjectArn("monitoring/baseline/constraints.json"),
            artifactsObjectArn("monitoring/baseline/model-quality/constraints.json"))));
  }

  @Test
  void accuracyAlarm_dev_firesBelowTheGateMinusTheToleranceOnTheModelQualityMetric() {
    // config/pipeline.json: gate.accuracy_threshold 0.90, model_quality.accuracy_tolerance 0.05
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "AlarmName", "rookery-dev-model-quality-accuracy", "Namespace", "Rookery/Monitoring",
        "MetricName", "accuracy", "Statistic", "Minimum", "Period", 3600,
        "Threshold", Match.exact(0.85), "ComparisonOperator", "LessThanThreshold",
        "TreatMissingData", "notBreaching",
        "Dimensions", Match.arrayWith(List.of(Map.of("Name", "MonitoringSchedule",
            "Value", "rookery-dev-model-quality"))),
        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("NotificationsTopic.*"))))));
  }

  @Test
  void monitoringStateMachine_dev_getsTheModelQualitySettings() {
    template.hasResourceProperties("AWS::StepFunctions::StateMachine", Match.objectLike(Map.of(
        "StateMachineName", "rookery-dev-monitoring",
        "DefinitionSubstitutions", Match.objectLike(Map.of(
            "ModelQualityScheduleName", "rookery-dev-model-quality",
            "LabelOffsetSeconds", "0", "MinJoinedRecords", "30")))));
  }

  @Test
  void retrainingRule_devOptIn_sendsTheDegradationAlarmsGoingToAlarmToTheRetrainAlias() {
    Capture resources = new Capture();
    Capture target = new Capture();
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
        "EventPattern", Map.of("source", List.of("aws.cloudwatch"),
            "detail-type", List.of("CloudWatch Alarm State Change"),
            "resources", resources,
            "detail", Map.of("state", Map.of("value", List.of("ALARM")))),
        "Targets", List.of(Match.objectLike(Map.of("Arn", target))))));
    // the four drift alarms, the drift violations and the model-quality accuracy, not the
    // endpoint or function alarms
    assertThat(resources.asArray()).hasSize(6);
    assertThat(resources.asArray().toString()).contains("AlarmsModelQualityAccuracy",
        "AlarmsViolations", "AlarmsDriftbodymassg").doesNotContain("Invocation5xx", "Errors");
    assertThat(target.asObject().toString()).contains("RetrainFunction");
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.rookery.functions.retrain.RetrainOnAlarmHandler::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "RETRAIN_COOLDOWN", "PT24H", "DATASET_PREFIX", "incoming/",
            "PIPELINE_SETTINGS", Match.stringLikeRegexp("\\{\"format_version\":1,.*"),
            "DATA_BUCKET", Map.of("Ref", Match.stringLikeRegexp("BucketsData.*"))))))));
  }

  @Test
  void deployRole_copyObject_noBucketWideReadOrWrite() {
    // then: no grantRead/grantPut wildcards (s3:GetObject*, s3:List*, s3:PutObject*, s3:Abort*)
    assertThat(deployRolePolicy()).doesNotContain("s3:GetObject*", "s3:List*", "s3:PutObject*",
        "s3:Abort*", "s3:GetBucket*").contains("s3:GetObject", "s3:PutObject");
  }

  @Test
  void pipelineRole_pinDataset_readsTheValidatedVersionUnderIncomingOnly() {
    // CopyObject of a named version needs s3:GetObjectVersion besides s3:GetObject (API_CopyObject)
    assertRoleHas("PipelineStateMachineRole", Map.of("Sid", "CopyObjectSource",
        "Action", List.of("s3:GetObject", "s3:GetObjectVersion"),
        "Resource", Map.of("Fn::Join", List.of("", List.of(
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsData.*"), "Arn")), "/incoming/*")))));
  }

  @Test
  void pipelineRole_pinDataset_writesRunInputsOnly() {
    assertRoleHas("PipelineStateMachineRole", Map.of("Sid", "CopyObjectDestination",
        "Action", "s3:PutObject", "Resource", artifactsObjectArn("runs/*/input/*")));
  }

  @Test
  void pipelineRole_pinDataset_noBaselineCopyGrants() {
    // then: the deploy machine's baseline keys are not the pipeline's business
    assertThat(rolePolicy("PipelineStateMachineRole")).doesNotContain("monitoring/baseline", "runs/*/baseline/*");
  }

  @Test
  void pipelineStateMachine_modelPackageGroup_substitutedWithTheEnvironmentsGroup() {
    template.hasResourceProperties("AWS::StepFunctions::StateMachine", Match.objectLike(Map.of(
        "StateMachineName", "rookery-dev-pipeline",
        "DefinitionString", Match.stringLikeRegexp(
            ".*\"ModelPackageGroupName\": \"\\$\\{ModelPackageGroupName\\}\".*"),
        "DefinitionSubstitutions", Match.objectLike(Map.of("ModelPackageGroupName", "rookery-dev")))));
  }

  @Test
  void deployRole_describeDeployedPackage_onThisGroupsVersions() {
    assertDeployRoleHas(Map.of("Action", "sagemaker:DescribeModelPackage",
        "Resource", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
            ":model-package/rookery-dev/*"))))));
  }

  @Test
  void deployStateMachine_baselinePrefix_substitutedWithTheModelMonitorLocation() {
    template.hasResourceProperties("AWS::StepFunctions::StateMachine", Match.objectLike(Map.of(
        "StateMachineName", "rookery-dev-deploy",
        "DefinitionString", Match.stringLikeRegexp(
            ".*\"Key\": \"\\$\\{MonitoringBaselinePrefix\\}/statistics\\.json\".*"),
        "DefinitionSubstitutions", Match.objectLike(Map.of(
            "MonitoringBaselinePrefix", "monitoring/baseline",
            "ArtifactsBucket", Map.of("Ref", Match.stringLikeRegexp("BucketsArtifacts.*")))))));
  }

  @Test
  void hourlyRule_processingEngine_startsMonitoringStateMachine() {
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
        "ScheduleExpression", "cron(0 * * * ? *)",
        "Targets", List.of(Match.objectLike(Map.of("Arn",
            Map.of("Ref", Match.stringLikeRegexp("MonitoringStateMachine.*"))))))));
  }

  /**
   * A drift alarm of the stack whose endpoint is {@code endpoint}: the monitor's metric (a name or
   * a {@link Match}) for the endpoint and its {@code <endpoint>-monitor} schedule, over cdk.json's
   * driftThreshold 0.1, notifying the topic.
   */
  static Matcher driftAlarm(String endpoint, Object metricName) {
    return Match.objectLike(Map.of(
        "Namespace", "Rookery/Monitoring",
        "MetricName", metricName,
        "Threshold", 0.1, "ComparisonOperator", "GreaterThanThreshold",
        "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Endpoint", "Value", endpoint),
            Map.of("Name", "MonitoringSchedule", "Value", endpoint + "-monitor"))),
        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("NotificationsTopic.*")))));
  }

  @Test
  void driftAlarms_penguinsFeatures_onePerFeatureNotifyingTopic() {
    template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm",
        driftAlarm("rookery-dev", Match.stringLikeRegexp("feature_baseline_drift_.*")), 4);
  }

  @Test
  void driftAlarms_getter_keepsTheConfiguredFeatureOrder() {
    // given cdk.json's dev driftFeatures, in their order
    List<String> configured = new java.util.ArrayList<>();
    TestApps.cdkJsonContext().at("/environments/dev/driftFeatures").forEach(f -> configured.add(f.asText()));
    // when
    List<String> keys = List.copyOf(stack.getAlarms().orElseThrow().getDriftAlarms().keySet());
    // then
    assertThat(keys).isEqualTo(configured);
  }

  @Test
  void violationsAlarm_anyViolation_fires() {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "MetricName", "constraint_violations", "Threshold", 0,
        "ComparisonOperator", "GreaterThanThreshold")));
  }

  @Test
  void endpointAlarms_5xxAndLatency_onTheVariant() {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "AlarmName", "rookery-dev-endpoint-latency", "Namespace", "AWS/SageMaker",
        "MetricName", "ModelLatency", "Threshold", 500000,
        "Dimensions", Match.arrayWith(List.of(Map.of("Name", "EndpointName", "Value", "rookery-dev"),
            Map.of("Name", "VariantName", "Value", "AllTraffic"))))));
  }

  @Test
  void lambdaErrorAlarms_everyFunction_oneAlarm() {
    // every Rookery function, the opt-in retraining one included (dev enables it): a function
    // that fails with nobody told is the silent path these alarms exist to close
    java.util.Set<String> functions = template.findResources("AWS::Lambda::Function", Map.of(
        "Properties", Match.objectLike(Map.of("Handler", Match.stringLikeRegexp("dev\\.rookery\\..*")))))
        .keySet();
    List<String> alarmed = template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties",
        Match.objectLike(Map.of("Namespace", "AWS/Lambda", "MetricName", "Errors")))).values().stream()
        .map(alarm -> ((Map<?, ?>) ((List<?>) ((Map<?, ?>) alarm.get("Properties")).get("Dimensions")).get(0)).get("Value"))
        .map(value -> String.valueOf(((Map<?, ?>) value).get("Ref")))
        .toList();
    assertThat(functions).anyMatch(id -> id.startsWith("RetrainFunction"));
    assertThat(alarmed).containsExactlyInAnyOrderElementsOf(functions);
  }

  @Test
  void topic_always_encryptedWithEmailSubscription() {
    template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
        "Protocol", "email", "Endpoint", TestApps.TEST_EMAIL,
        "TopicArn", Map.of("Ref", Match.stringLikeRegexp("NotificationsTopic.*"))));
  }

  @Test
  void modelPackageGroup_cdkDestroy_retainedWithItsVersions() {
    // SageMaker refuses to delete a group that holds versions: DESTROY would fail cdk destroy
    template.hasResource("AWS::SageMaker::ModelPackageGroup", Map.of(
        "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
  }

  @Test
  void topic_always_kmsEncrypted() {
    template.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of(
        "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("NotificationsKey.*"), "Arn")))));
  }

  @Test
  void topicPolicy_always_deniesNonSslPublishers() {
    template.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
            Match.objectLike(Map.of("Effect", "Deny", "Condition",
                Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
  }

  @Test
  void modelPackageGroup_always_namedForEnvironment() {
    template.hasResourceProperties("AWS::SageMaker::ModelPackageGroup",
        Match.objectLike(Map.of("ModelPackageGroupName", "rookery-dev")));
  }

  @Test
  void sageMakerRole_always_assumedBySageMakerOnly() {
    template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
        "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(
            Map.of("Principal", Map.of("Service", "sagemaker.amazonaws.com")))))))));
  }
}
