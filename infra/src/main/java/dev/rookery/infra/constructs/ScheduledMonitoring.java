package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The {@code processing} monitoring engine, for every account: an hourly EventBridge rule starts
 * the monitoring state machine, which runs the Rookery image's {@code monitor} mode as a
 * processing job over the last hour of captured requests. The execution input is
 * {@code {"scheduledTime": <the event's time>}}, the clock hour the machine analyses.
 */
public final class ScheduledMonitoring extends Construct {
  /** On the hour, like Model Monitor's hourly {@code cron(0 * ? * * *)}. */
  public static final String SCHEDULE = "cron(0 * * * ? *)";

  private final Rule rule;

  /**
   * @param monitoringStateMachine the state machine the schedule starts
   */
  public record Props(IStateMachine monitoringStateMachine) {
    /** Checks that nothing is missing. */
    public Props {
      Objects.requireNonNull(monitoringStateMachine, "monitoringStateMachine");
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public ScheduledMonitoring(Construct scope, String id, Props props) {
    super(scope, id);
    rule = Rule.Builder.create(this, "Hourly")
        .description("Runs the Rookery drift monitor every hour")
        .schedule(Schedule.expression(SCHEDULE))
        .targets(List.of(SfnStateMachine.Builder.create(props.monitoringStateMachine())
            .input(RuleTargetInput.fromObject(Map.of("scheduledTime", EventField.fromPath("$.time"))))
            .retryAttempts(2).build()))
        .build();
  }

  /** @return the hourly rule */
  public Rule getRule() {
    return rule;
  }
}
