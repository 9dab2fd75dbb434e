package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions pack over the whole app (every environment of the real cdk.json, plus a
 * model-monitor variant): no unsuppressed error or warning.
 */
class CdkNagTest {
  private static final List<Annotations> annotations = new ArrayList<>();

  @BeforeAll
  static void synthesiseEveryEnvironment() {
    App app = TestApps.app(TestApps.cdkJsonContext());
    RookeryApp.build(app, TestApps.sources()).forEach(s -> annotations.add(Annotations.fromStack(s)));
    annotations.add(Annotations.fromStack(
        TestApps.stack("prod", Map.of("monitoringEngine", "model-monitor"))));
    // What "cdk synth" sees: the CLI passes a concrete account and region.
    annotations.add(Annotations.fromStack(TestApps.stack("dev",
        Map.of("account", "123456789012", "region", "eu-west-1"))));
  }

  private static List<String> findings(boolean errors) {
    List<String> found = new ArrayList<>();
    for (Annotations a : annotations) {
      List<SynthesisMessage> messages = errors
          ? a.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
          : a.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
      messages.forEach(m -> found.add(m.getId() + ": " + m.getEntry().getData()));
    }
    return found;
  }

  @Test
  void awsSolutions_wholeApp_noUnsuppressedErrors() {
    // given the app synthesised with the AwsSolutions checks
    // when
    List<String> errors = findings(true);
    // then
    assertThat(errors).isEmpty();
  }

  @Test
  void awsSolutions_wholeApp_noUnsuppressedWarnings() {
    // given the app synthesised with the AwsSolutions checks
    // when
    List<String> warnings = findings(false);
    // then
    assertThat(warnings).isEmpty();
  }
}
