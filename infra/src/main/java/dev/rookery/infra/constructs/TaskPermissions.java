package dev.rookery.infra.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM actions a Step Functions Task {@code Resource} makes its state machine's role call, per
 * AWS's documentation. {@link AslStateMachine} grants from it and the infra tests evaluate the
 * synthesized roles against it, so a Task the table does not know fails synth, and a grant
 * that does not cover what the table says fails the policy test.
 *
 * <ul>
 *   <li>Optimized SageMaker jobs, {@code .sync}: Create/Describe/Stop on the job,
 *       {@code sagemaker:ListTags}, {@code iam:PassRole} of the job's role, and
 *       {@code events:PutTargets}/{@code PutRule}/{@code DescribeRule} on the managed rule
 *       {@code StepFunctionsGetEventsForSageMaker<Kind>Rule} (Step Functions developer guide,
 *       "IAM policies for SageMaker AI", {@code sagemaker-iam.md}; for tuning also
 *       {@code sample-hyper-tuning.md} "IAM Examples"). Tuning needs no
 *       {@code sagemaker:ListTrainingJobsForHyperParameterTuningJob}: the integration reads the
 *       best training job from DescribeHyperParameterTuningJob. Without {@code .sync} only the
 *       Create call and the pass.
 *   <li>{@code states:startExecution}: {@code states:StartExecution}; with {@code .sync} or
 *       {@code .sync:2} also {@code states:DescribeExecution} and {@code states:StopExecution} on
 *       the nested executions and the managed rule
 *       {@code StepFunctionsGetEventsForStepFunctionsExecutionRule} ({@code stepfunctions-iam.md}).
 *   <li>{@code lambda:invoke}: {@code lambda:InvokeFunction} ({@code lambda-iam.md}).
 *   <li>{@code sns:publish}: {@code sns:Publish} ({@code sns-iam.md}); on a KMS-encrypted topic
 *       the publisher also needs {@code kms:GenerateDataKey*} and {@code kms:Decrypt} on its key
 *       (SNS developer guide, "sns-key-management"), which {@code Topic.grantPublish} adds.
 *   <li>AWS SDK integrations ({@code aws-sdk:<service>:<apiAction>}): the IAM action is the
 *       service's prefix and the API name with its first letter upper-cased ("the IAM action is
 *       the same as the API name", {@code supported-services-awssdk.md}), with the S3 exceptions
 *       S3 documents: ListObjectsV2 is {@code s3:ListBucket}, CopyObject is
 *       {@code s3:GetObject} on the source and {@code s3:PutObject} on the destination.
 * </ul>
 */
public final class TaskPermissions {
  private static final String STATES = "arn:aws:states:::";
  private static final Pattern SAGEMAKER_JOB =
      Pattern.compile("sagemaker:create(ProcessingJob|TrainingJob|HyperParameterTuningJob"
          + "|TransformJob)(\\.sync)?");
  private static final Pattern SDK = Pattern.compile("aws-sdk:([a-z0-9]+):([a-zA-Z0-9]+)");
  /** IAM service prefixes of the SDK integration's service names where they differ. */
  private static final Map<String, String> IAM_PREFIX = Map.of("sfn", "states");
  /** The managed rule each .sync job kind needs, by the job's IAM noun. */
  private static final Map<String, String> JOB_RULES = Map.of(
      "ProcessingJob", "StepFunctionsGetEventsForSageMakerProcessingJobsRule",
      "TrainingJob", "StepFunctionsGetEventsForSageMakerTrainingJobsRule",
      "HyperParameterTuningJob", "StepFunctionsGetEventsForSageMakerTuningJobsRule",
      "TransformJob", "StepFunctionsGetEventsForSageMakerTransformJobsRule");
  /** The managed rule of {@code states:startExecution.sync}. */
  public static final String EXECUTION_RULE = "StepFunctionsGetEventsForStepFunctionsExecutionRule";
  /** What the managed rules need. */
  public static final List<String> RULE_ACTIONS =
      List.of("events:PutTargets", "events:PutRule", "events:DescribeRule");

  /**
   * One IAM action a Task needs.
   *
   * @param action the IAM action, e.g. {@code sagemaker:CreateProcessingJob}
   * @param on what it applies to
   * @param managedRule for {@link On#MANAGED_RULE}, the rule's name; else empty
   */
  public record Permission(String action, On on, String managedRule) {
    Permission(String action, On on) {
      this(action, on, "");
    }
  }

  /** What a needed action applies to, for the grant and for the test's request. */
  public enum On {
    /** The resource the Task's Parameters name (job, function, topic, object, ...). */
    TARGET,
    /** The source object of an S3 CopyObject. */
    COPY_SOURCE,
    /** The nested state machine's executions. */
    EXECUTION,
    /** The role the Task passes to SageMaker ({@code RoleArn}). */
    PASSED_ROLE,
    /** An EventBridge rule Step Functions manages for {@code .sync}. */
    MANAGED_RULE,
    /** No resource-level permission: {@code *}. */
    ANY
  }

  private TaskPermissions() {}

  /**
   * @param taskResource a Task state's {@code Resource}
   * @return what it needs, or empty if this table does not know the integration
   */
  public static Optional<List<Permission>> of(String taskResource) {
    if (!taskResource.startsWith(STATES)) {
      // A bare function ARN (or its placeholder) is the legacy Lambda form: lambda:InvokeFunction.
      return taskResource.matches("\\$\\{[A-Za-z]+FunctionArn\\}|arn:aws:lambda:.*")
          ? Optional.of(List.of(new Permission("lambda:InvokeFunction", On.TARGET)))
          : Optional.empty();
    }
    String integration = taskResource.substring(STATES.length())
        .replaceFirst("\\.waitForTaskToken$", "");
    List<Permission> needed = new ArrayList<>();
    Matcher job = SAGEMAKER_JOB.matcher(integration);
    Matcher sdk = SDK.matcher(integration);
    if (job.matches()) {
      String noun = job.group(1);
      needed.add(new Permission("sagemaker:Create" + noun, On.TARGET));
      needed.add(new Permission("iam:PassRole", On.PASSED_ROLE));
      if (job.group(2) != null) {
        needed.add(new Permission("sagemaker:Describe" + noun, On.TARGET));
        needed.add(new Permission("sagemaker:Stop" + noun, On.TARGET));
        needed.add(new Permission("sagemaker:ListTags", On.ANY));
        RULE_ACTIONS.forEach(a -> needed.add(new Permission(a, On.MANAGED_RULE, JOB_RULES.get(noun))));
      }
    } else if (integration.equals("lambda:invoke")) {
      needed.add(new Permission("lambda:InvokeFunction", On.TARGET));
    } else if (integration.equals("sns:publish")) {
      needed.add(new Permission("sns:Publish", On.TARGET));
    } else if (integration.matches("states:startExecution(\\.sync(:2)?)?")) {
      needed.add(new Permission("states:StartExecution", On.TARGET));
      if (integration.contains(".sync")) {
        needed.add(new Permission("states:DescribeExecution", On.EXECUTION));
        needed.add(new Permission("states:StopExecution", On.EXECUTION));
        RULE_ACTIONS.forEach(a -> needed.add(new Permission(a, On.MANAGED_RULE, EXECUTION_RULE)));
      }
    } else if (sdk.matches()) {
      String service = sdk.group(1);
      String api = sdk.group(2);
      if (service.equals("s3") && api.equals("listObjectsV2")) {
        needed.add(new Permission("s3:ListBucket", On.TARGET));
      } else if (service.equals("s3") && api.equals("copyObject")) {
        needed.add(new Permission("s3:GetObject", On.COPY_SOURCE));
        needed.add(new Permission("s3:PutObject", On.TARGET));
      } else {
        needed.add(new Permission(IAM_PREFIX.getOrDefault(service, service) + ":"
            + api.substring(0, 1).toUpperCase(Locale.ROOT) + api.substring(1),
            api.startsWith("list") ? On.ANY : On.TARGET));
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(needed));
  }
}
