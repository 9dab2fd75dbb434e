package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * Opt-in retraining: the EventBridge rule that hands a degradation alarm's change to ALARM
 * (CloudWatch's "CloudWatch Alarm State Change" event, source {@code aws.cloudwatch}, the alarm's
 * ARN in {@code resources}) to the retraining function, which starts the pipeline on the newest
 * dataset at most once per cooldown. A change back to OK matches nothing.
 */
public final class RetrainOnAlarm extends Construct {
  private final Rule rule;

  /**
   * @param alarms the alarms whose ALARM state asks for retraining (drift, model quality)
   * @param retrainFunction the function the rule invokes
   */
  public record Props(List<? extends IAlarm> alarms, IFunction retrainFunction) {
    /** Checks that nothing is missing. */
    public Props {
      alarms = List.copyOf(alarms);
      Objects.requireNonNull(retrainFunction, "retrainFunction");
      if (alarms.isEmpty()) {
        throw new IllegalArgumentException("alarms must not be empty");
      }
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public RetrainOnAlarm(Construct scope, String id, Props props) {
    super(scope, id);
    rule = Rule.Builder.create(this, "DegradationAlarm")
        .description("A drift or model-quality alarm going to ALARM starts retraining (cooldown in"
            + " the function)")
        .eventPattern(EventRules.awsEvent("aws.cloudwatch", "CloudWatch Alarm State Change")
            .resources(props.alarms().stream().map(IAlarm::getAlarmArn).toList())
            .detail(Map.of("state", Map.of("value", List.of("ALARM"))))
            .build())
        .targets(List.of(EventRules.lambdaTarget(props.retrainFunction()).build()))
        .build();
  }

  /** @return the rule: degradation alarm to ALARM -> retraining function */
  public Rule getRule() {
    return rule;
  }
}
