package dev.rookery.functions.common;

import dev.rookery.functions.exceptions.InvalidEventException;
import java.util.Map;

/** The envelope every EventBridge event a handler receives shares: source, detail-type, detail. */
public final class EventBridgeEvents {
  private EventBridgeEvents() {}

  /**
   * @param event the whole event
   * @param source the expected {@code source}, e.g. {@code aws.s3}
   * @param detailType the expected {@code detail-type}, e.g. {@code Object Created}
   * @return its {@code detail}
   * @throws InvalidEventException naming {@code source}, {@code detail-type} or {@code detail} when
   *     it is missing or another event's
   */
  public static Map<String, Object> detail(Map<String, Object> event, String source,
      String detailType) {
    String actualSource = Json.text(event, "source", "source");
    if (!source.equals(actualSource)) {
      throw new InvalidEventException("source",
          "must be '" + source + "', found '" + actualSource + "'");
    }
    String type = Json.text(event, "detail-type", "detail-type");
    if (!detailType.equals(type)) {
      throw new InvalidEventException("detail-type",
          "must be '" + detailType + "', found '" + type + "'");
    }
    return Json.object(event, "detail", "detail");
  }
}
