package dev.rookery.functions.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SfnExecutionStarterTest {
  @Test
  void executionArn_stateMachineArn_becomesExecutionArn() {
    // then
    assertThat(SfnExecutionStarter.executionArn("arn:aws:states:eu-west-1:111122223333:stateMachine:rookery", "rk-1"))
        .isEqualTo("arn:aws:states:eu-west-1:111122223333:execution:rookery:rk-1");
  }
}
