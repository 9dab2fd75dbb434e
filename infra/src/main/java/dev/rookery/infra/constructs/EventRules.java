package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The EventBridge rules that drive the pipeline on the default bus: a dataset uploaded under
 * {@code incoming/} of the data bucket invokes the trigger function; a model package of this
 * environment's group turning {@code Approved} invokes the deploy-on-approval function; a
 * pipeline, deploy or monitoring execution that fails, times out or is aborted invokes the failure
 * function, which e-mails what its own states could not.
 *
 * <p>The failure rule matches on {@code status} only, never on {@code detail.error} or
 * {@code detail.cause}: AWS's documented "Step Functions Execution Status Change" FAILED example
 * carries neither, so a rule filtering on them may never match. The failure function
 * ({@code dev.rookery.functions.failure.ExecutionFailureHandler}) reads error and cause from
 * {@code DescribeExecution} and e-mails only what no {@code Notify*Failure} state did (TIMED_OUT,
 * ABORTED, and FAILED with an error no Catch takes), so one failure is e-mailed once.
 */
public final class EventRules extends Construct {
  /** The execution statuses forwarded to the failure function. */
  public static final List<String> FAILURE_STATUSES = List.of("FAILED", "TIMED_OUT", "ABORTED");

  private final Rule datasetUploaded;
  private final Rule modelApproved;
  private final Rule executionFailed;

  /**
   * @param dataBucket the bucket datasets are uploaded to
   * @param triggerFunction invoked per uploaded dataset (alias)
   * @param modelPackageGroupName the environment's model package group
   * @param approvalFunction invoked per approved model version (alias)
   * @param watchedStateMachines executions of these that fail, time out or are aborted go to the
   *     failure function
   * @param failureFunction decides what to e-mail (alias)
   */
  public record Props(IBucket dataBucket, IFunction triggerFunction, String modelPackageGroupName,
      IFunction approvalFunction, List<IStateMachine> watchedStateMachines,
      IFunction failureFunction) {
    /** Checks that nothing is missing. */
    public Props {
      Objects.requireNonNull(dataBucket, "dataBucket");
      Objects.requireNonNull(triggerFunction, "triggerFunction");
      Objects.requireNonNull(modelPackageGroupName, "modelPackageGroupName");
      Objects.requireNonNull(approvalFunction, "approvalFunction");
      Objects.requireNonNull(failureFunction, "failureFunction");
      watchedStateMachines = List.copyOf(watchedStateMachines);
      if (watchedStateMachines.isEmpty()) {
        throw new IllegalArgumentException("watchedStateMachines must not be empty, found []");
      }
    }
  }

  /**
   * A Lambda target with the retry policy of every Rookery rule: EventBridge retries an invoke
   * that failed (throttling, a function error) 4 times within 2 hours, then drops the event.
   *
   * @param function the function (its live alias)
   * @return the target's builder, for a rule that also shapes the event
   */
  public static LambdaFunction.Builder lambdaTarget(IFunction function) {
    return LambdaFunction.Builder.create(function).retryAttempts(4).maxEventAge(Duration.hours(2));
  }

  /**
   * @param source the service's event source, e.g. {@code aws.sagemaker}
   * @param detailType the event's {@code detail-type}, e.g. {@code Object Created}
   * @return a pattern for that one kind of AWS event, to narrow with {@code detail} or
   *     {@code resources}
   */
  static EventPattern.Builder awsEvent(String source, String detailType) {
    return EventPattern.builder().source(List.of(source)).detailType(List.of(detailType));
  }

  /**
   * S3's "Object Created" event (the bucket sends EventBridge notifications) for some keys of one
   * bucket.
   *
   * @param bucket the bucket
   * @param keyFilter one EventBridge filter on the key, e.g. {@code {"prefix": "incoming/"}}
   * @return the pattern
   */
  static EventPattern objectCreated(IBucket bucket, Map<String, String> keyFilter) {
    return awsEvent("aws.s3", "Object Created")
        .detail(Map.of(
            "bucket", Map.of("name", List.of(bucket.getBucketName())),
            "object", Map.of("key", List.of(keyFilter))))
        .build();
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public EventRules(Construct scope, String id, Props props) {
    super(scope, id);
    datasetUploaded = Rule.Builder.create(this, "DatasetUploaded")
        .description("A dataset uploaded under " + DataBuckets.INCOMING_PREFIX + " starts a run")
        .eventPattern(objectCreated(props.dataBucket(), Map.of("prefix", DataBuckets.INCOMING_PREFIX)))
        .targets(List.of(lambdaTarget(props.triggerFunction()).build()))
        .build();

    modelApproved = Rule.Builder.create(this, "ModelApproved")
        .description("A model version approved in " + props.modelPackageGroupName()
            + " is deployed")
        .eventPattern(awsEvent("aws.sagemaker", "SageMaker Model Package State Change")
            .detail(Map.of(
                "ModelPackageGroupName", List.of(props.modelPackageGroupName()),
                "ModelApprovalStatus", List.of("Approved")))
            .build())
        .targets(List.of(lambdaTarget(props.approvalFunction()).build()))
        .build();

    executionFailed = Rule.Builder.create(this, "ExecutionFailed")
        .description("A Rookery execution that failed, timed out or was aborted goes to the failure"
            + " function, which e-mails what the state machine's own failure path did not")
        .eventPattern(awsEvent("aws.states", "Step Functions Execution Status Change")
            .detail(Map.of(
                "stateMachineArn", props.watchedStateMachines().stream()
                    .map(IStateMachine::getStateMachineArn).toList(),
                "status", FAILURE_STATUSES))
            .build())
        .targets(List.of(lambdaTarget(props.failureFunction()).build()))
        .build();
  }

  /** @return the rule: dataset uploaded -> trigger function */
  public Rule getDatasetUploaded() {
    return datasetUploaded;
  }

  /** @return the rule: model version approved -> deploy-on-approval function */
  public Rule getModelApproved() {
    return modelApproved;
  }

  /** @return the rule: execution failed, timed out or aborted -> failure function */
  public Rule getExecutionFailed() {
    return executionFailed;
  }
}
