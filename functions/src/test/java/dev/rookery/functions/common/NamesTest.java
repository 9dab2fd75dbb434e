package dev.rookery.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.testutils.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  /** The cases the pipeline's ASL is tested against too (statemachine/test/definitions.test.mjs). */
  static final Path SHARED_DEPLOY_NAMES =
      Path.of("..", "statemachine", "test", "fixtures", "deploy-execution-names.json");

  @Test
  void deployExecution_sharedCases_sameNameAsThePipelineAsl() throws IOException {
    // given
    JsonNode cases = Fixtures.tree(Files.readString(SHARED_DEPLOY_NAMES)).get("cases");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(4);

    // when / then
    for (JsonNode c : cases) {
      assertThat(Names.deployExecution(c.get("modelPackageArn").asText()))
          .as(c.get("modelPackageArn").asText())
          .isEqualTo(c.get("executionName").asText());
    }
  }

  @Test
  void deployExecution_documentedExample_groupDashVersion() {
    // when
    String name = Names.deployExecution(
        "arn:aws:sagemaker:eu-west-1:123456789012:model-package/rookery-penguins/7");

    // then
    assertThat(name).isEqualTo("rookery-penguins-7");
  }

  @Test
  void deployExecution_longestGroupAndVersion_fitsStepFunctionsLimit() {
    // given: a 63-character group (SageMaker's limit) and the largest int version
    String group = "g" + "-x".repeat(31);

    // when
    String name = Names.deployExecution(
        "arn:aws:sagemaker:us-east-1:111122223333:model-package/" + group + "/2147483647");

    // then
    assertThat(group).hasSize(63);
    assertThat(name).hasSize(74).hasSizeLessThanOrEqualTo(Names.MAX_EXECUTION_NAME);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "arn:aws:sagemaker:us-east-1:111122223333:model-package/unversioned-package",
      "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/0",
      "arn:aws:sagemaker:us-east-1:111122223333:model-package-group/rookery-dev",
      "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/3/extra",
      "arn:aws:states:us-east-1:111122223333:model-package/rookery-dev/3",
      ""})
  void deployExecution_notAVersionedPackageArn_throwsNamingTheValue(String arn) {
    // when / then
    assertThatThrownBy(() -> Names.deployExecution(arn))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found '" + arn + "'");
  }
  @Test
  void pipelineExecution_sameObjectVersion_sameDocumentedName() {
    // when
    String name = Names.pipelineExecution("bucket", "incoming/penguins.csv", "v1");

    // then: rk- + first 24 hex of sha256("bucket/incoming/penguins.csv/v1")
    assertThat(name).isEqualTo("rk-" + Names.sha256Hex("bucket/incoming/penguins.csv/v1").substring(0, 24))
        .isEqualTo(Names.pipelineExecution("bucket", "incoming/penguins.csv", "v1"))
        .isNotEqualTo(Names.pipelineExecution("bucket", "incoming/penguins.csv", "v2"));
  }

  @Test
  void sha256Hex_knownVector_matches() {
    // then
    assertThat(Names.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void sageMaker_longPrefixWithInvalidCharacters_cutCleanedAndValid() {
    // when
    String name = Names.sageMaker("my_endpoint." + "x".repeat(80), "c12-0123456789");

    // then
    assertThat(name).hasSize(63).startsWith("my-endpoint-xxx").endsWith("-c12-0123456789")
        .matches(Names.SAGEMAKER_NAME);
  }

  @Test
  void sageMaker_prefixEndingInHyphensAtCut_noDoubleHyphenIssue() {
    // when
    String name = Names.sageMaker("a".repeat(47) + "-----", "m3-deadbeef");

    // then
    assertThat(name).matches(Names.SAGEMAKER_NAME).hasSizeLessThanOrEqualTo(63);
  }
}
