package dev.rookery.functions.retrain;

import dev.rookery.functions.common.EventBridgeEvents;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidEventException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The parts of an EventBridge "CloudWatch Alarm State Change" event the retraining uses.
 *
 * @param alarmName the alarm
 * @param state its new state ({@code ALARM}, {@code OK}, {@code INSUFFICIENT_DATA})
 * @param reason CloudWatch's reason for the change
 * @param time when the state changed (the event's {@code time})
 */
public record AlarmStateChange(String alarmName, String state, String reason, Instant time) {
  /** The alarm state that asks for retraining. */
  public static final String ALARM = "ALARM";

  /**
   * @param event the whole event ({@code source aws.cloudwatch})
   * @return the change
   * @throws InvalidEventException naming the first missing or malformed field
   */
  public static AlarmStateChange parse(Map<String, Object> event) {
    Map<String, Object> detail = EventBridgeEvents.detail(event, "aws.cloudwatch",
        "CloudWatch Alarm State Change");
    String name = Json.text(detail, "alarmName", "detail.alarmName");
    Map<String, Object> state = Json.object(detail, "state", "detail.state");
    String value = Json.text(state, "value", "detail.state.value");
    String reason = Json.optionalText(state, "reason", "detail.state.reason");
    String time = Json.text(event, "time", "time");
    try {
      return new AlarmStateChange(name, value, reason == null ? "" : reason, Instant.parse(time));
    } catch (DateTimeParseException e) {
      throw new InvalidEventException("time", "must be an ISO-8601 instant, found '" + time + "'");
    }
  }
}
