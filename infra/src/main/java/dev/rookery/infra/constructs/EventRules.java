package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The EventBridge rules that drive the pipeline on the default bus: a dataset uploaded under
 * {@code incoming/} of the data bucket invokes the trigger function; a model package of this
 * environment's group turning {@code Approved} invokes the deploy-on-approval function; a
 * pipeline, deploy or monitoring execution that times out, is aborted, or fails in a way its own
 * states cannot report is sent to the notification topic as a readable message.
 *
 * <p>Not every {@code FAILED}: a failure caught by a state ends in that machine's own
 * {@code Notify*Failure} state (error and cause) before its {@code Fail} state, and the pipeline's
 * gate rejection also ends in {@code Fail} after notifying, so a rule on every {@code FAILED} sent
 * those twice. But {@code States.Runtime} (e.g. an intrinsic function or a path that fails in a
 * Pass state, which has no Catch) and {@code States.DataLimitExceeded} are not caught by
 * {@code States.ALL}, so an execution failing with either never reaches its notifying state: the
 * rule matches {@code FAILED} with exactly those two {@code detail.error} values (the execution
 * status change event carries the execution's {@code error} and {@code cause}). {@code TIMED_OUT}
 * and {@code ABORTED} stop an execution without running any of its states, so only this rule can
 * report them.
 */
public final class EventRules extends Construct {
  /** The execution errors {@code States.ALL} does not catch, so no machine notifies them itself. */
  public static final List<String> UNCATCHABLE_ERRORS =
      List.of("States.Runtime", "States.DataLimitExceeded");

  private final Rule datasetUploaded;
  private final Rule modelApproved;
  private final Rule executionFailed;

  /**
   * @param dataBucket the bucket datasets are uploaded to
   * @param triggerFunction invoked per uploaded dataset (alias)
   * @param modelPackageGroupName the environment's model package group
   * @param approvalFunction invoked per approved model version (alias)
   * @param watchedStateMachines executions of these that time out, are aborted or fail uncaught
   *     are notified
   * @param topic where failures are notified
   */
  public record Props(IBucket dataBucket, IFunction triggerFunction, String modelPackageGroupName,
      IFunction approvalFunction, List<IStateMachine> watchedStateMachines, ITopic topic) {
    /** Checks that nothing is missing. */
    public Props {
      Objects.requireNonNull(dataBucket, "dataBucket");
      Objects.requireNonNull(triggerFunction, "triggerFunction");
      Objects.requireNonNull(modelPackageGroupName, "modelPackageGroupName");
      Objects.requireNonNull(approvalFunction, "approvalFunction");
      Objects.requireNonNull(topic, "topic");
      watchedStateMachines = List.copyOf(watchedStateMachines);
      if (watchedStateMachines.isEmpty()) {
        throw new IllegalArgumentException("watchedStateMachines must not be empty, found []");
      }
    }
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
        .eventPattern(EventPattern.builder()
            .source(List.of("aws.s3"))
            .detailType(List.of("Object Created"))
            .detail(Map.of(
                "bucket", Map.of("name", List.of(props.dataBucket().getBucketName())),
                "object", Map.of("key", List.of(Map.of("prefix", DataBuckets.INCOMING_PREFIX)))))
            .build())
        .targets(List.of(LambdaFunction.Builder.create(props.triggerFunction())
            .retryAttempts(4).maxEventAge(Duration.hours(2)).build()))
        .build();

    modelApproved = Rule.Builder.create(this, "ModelApproved")
        .description("A model version approved in " + props.modelPackageGroupName()
            + " is deployed")
        .eventPattern(EventPattern.builder()
            .source(List.of("aws.sagemaker"))
            .detailType(List.of("SageMaker Model Package State Change"))
            .detail(Map.of(
                "ModelPackageGroupName", List.of(props.modelPackageGroupName()),
                "ModelApprovalStatus", List.of("Approved")))
            .build())
        .targets(List.of(LambdaFunction.Builder.create(props.approvalFunction())
            .retryAttempts(4).maxEventAge(Duration.hours(2)).build()))
        .build();

    executionFailed = Rule.Builder.create(this, "ExecutionFailed")
        .description("A Rookery execution that timed out, was aborted, or failed with an error no"
            + " Catch takes (States.Runtime, States.DataLimitExceeded) is notified; other failures"
            + " notify themselves")
        .eventPattern(EventPattern.builder()
            .source(List.of("aws.states"))
            .detailType(List.of("Step Functions Execution Status Change"))
            .detail(Map.of(
                "stateMachineArn", props.watchedStateMachines().stream()
                    .map(IStateMachine::getStateMachineArn).toList(),
                "$or", List.of(
                    Map.of("status", List.of("TIMED_OUT", "ABORTED")),
                    Map.of("status", List.of("FAILED"), "error", UNCATCHABLE_ERRORS))))
            .build())
        .targets(List.of(SnsTopic.Builder.create(props.topic())
            .message(RuleTargetInput.fromText("Rookery execution "
                + EventField.fromPath("$.detail.name") + " of "
                + EventField.fromPath("$.detail.stateMachineArn") + " ended "
                + EventField.fromPath("$.detail.status") + ": "
                + EventField.fromPath("$.detail.error") + " "
                + EventField.fromPath("$.detail.cause")))
            .build()))
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

  /** @return the rule: execution timed out, aborted or failed uncaught -> topic */
  public Rule getExecutionFailed() {
    return executionFailed;
  }
}
