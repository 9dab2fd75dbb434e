package dev.rookery.infra;

import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What the stack tests check of a Lambda function, written once. */
final class FunctionAssertions {
  private FunctionAssertions() {}

  /**
   * Asserts that the function whose handler is {@code dev.rookery.functions.<handlerClass>::handleRequest}
   * has these environment variables (among others).
   *
   * @param handlerClass the handler's class below {@code dev.rookery.functions}, as {@code trigger.TriggerHandler}
   * @param variables the expected values (strings or {@link Match} patterns)
   */
  static void assertFunctionEnvironment(Template template, String handlerClass, Map<String, Object> variables) {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.rookery.functions." + handlerClass + "::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(variables)))));
  }
}
