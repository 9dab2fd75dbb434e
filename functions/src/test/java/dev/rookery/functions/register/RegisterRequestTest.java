package dev.rookery.functions.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.testutils.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegisterRequestTest {
  @Test
  void parse_pipelineState_readsEveryField() {
    // when
    RegisterRequest request = RegisterRequest.parse(Json.read(Fixtures.stream("events/register-input.json")));

    // then
    assertThat(request.executionName()).isEqualTo("rk-2b7e0c1f9a4d3e5f6a7b8c9d");
    assertThat(request.evaluation().accuracy()).isEqualTo(0.9807692307692307);
    assertThat(request.training().hyperparameters()).containsEntry("epochs", "17").hasSize(5);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // a missing field
      "\"constraintsUri\" | \"constraints\" | invalid event: field 'baseline.constraintsUri' is missing",
      // an accuracy above 1
      "0.9807692307692307 | 98.1 | invalid event: field 'evaluation.accuracy' must be within [0, 1], found 98.1",
      // a model that is not in S3
      "s3://rookery-artifacts-111122223333/tuning/rk-2b7e/002/output/model.tar.gz | /tmp/model.tar.gz"
          + " | invalid event: field 'modelDataUrl' must be an s3:// URI, found '/tmp/model.tar.gz'"})
  void parse_badField_throwsNamingFieldAndValue(String original, String replacement, String message) {
    // given
    String json = Fixtures.text("events/register-input.json").replace(original, replacement);

    // when / then
    assertThatThrownBy(() -> RegisterRequest.parse(Json.read(Fixtures.json(json))))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage(message);
  }
}
