package dev.rookery.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.testutils.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void toJson_parsedSettings_keepsOrderAndDecimalsAsWritten() throws JsonProcessingException {
    // given
    String text = "{\"split\":{\"train\":0.70,\"test\":0.15},\"seed\":42,\"big\":123456789012345678901234567890,"
        + "\"auto\":true,\"none\":null,\"list\":[\"a\",1.5e3]}";

    // when
    String written = Json.toJson(Json.parse(text));

    // then
    assertThat(written).isEqualTo("{\"split\":{\"train\":0.70,\"test\":0.15},\"seed\":42,"
        + "\"big\":123456789012345678901234567890,\"auto\":true,\"none\":null,\"list\":[\"a\",1.5E+3]}");
  }

  @Test
  void read_trailingContent_throwsInvalidEvent() {
    // when / then
    assertThatThrownBy(() -> Json.read(Fixtures.json("{\"a\":1} {\"b\":2}")))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("field '$' is not valid JSON");
  }

  @Test
  void read_array_throwsNamingRoot() {
    // when / then
    assertThatThrownBy(() -> Json.read(Fixtures.json("[1,2]")))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("invalid event: field '$' must be an object, found array [1,2]");
  }

  @Test
  void text_blank_throwsNamingPath() {
    // when / then
    assertThatThrownBy(() -> Json.text(Map.of("key", "  "), "key", "detail.object.key"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("invalid event: field 'detail.object.key' must not be blank");
  }

  @Test
  void object_string_throwsWithTypeAndValue() {
    // when / then
    assertThatThrownBy(() -> Json.object(Map.of("detail", "x"), "detail", "detail"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("invalid event: field 'detail' must be an object, found string \"x\"");
  }
}
