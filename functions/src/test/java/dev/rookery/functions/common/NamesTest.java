package dev.rookery.functions.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
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
