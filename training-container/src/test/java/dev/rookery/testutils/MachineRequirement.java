package dev.rookery.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;

/**
 * A test's need for something beyond a JDK and Node (headless Chromium, running as root). On a
 * developer's machine without it, the test is skipped and says why; under {@code CI=true} (where
 * {@code .ci/run} provides it) the same need is an assertion, so CI can never skip it silently.
 */
public final class MachineRequirement {
  private MachineRequirement() {}

  /**
   * Skips the calling test (outside CI) or fails it (under {@code CI=true}) when {@code met} is
   * false.
   *
   * @param met whether the machine has what the test needs
   * @param why what is needed and how to get it
   */
  public static void require(boolean met, String why) {
    if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
      Assumptions.assumeTrue(met, why);
    }
    assertThat(met).as(why).isTrue();
  }
}
