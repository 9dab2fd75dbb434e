package dev.rookery.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.rookery.settings.PipelineSettings;
import software.amazon.awscdk.App;

/**
 * Builds the real app for tests: the real {@code cdk.json} context (optionally changed), the real
 * pipeline settings and ASL files, fixture code and image context, bundling off.
 */
final class TestApps {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path FIXTURES = Path.of("src/test/resources/fixtures").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestApps() {}

  /** @return the {@code context} object of the repository's {@code cdk.json} */
  static ObjectNode cdkJsonContext() {
    try {
      return (ObjectNode) JSON.readTree(Files.readString(REPO.resolve("cdk.json"))).get("context");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The real ASL files of the statemachine module. */
  static Path stateMachineDirectory() {
    return REPO.resolve("statemachine");
  }

  /** The repository's {@code config/pipeline.json}, read by the settings model. */
  static PipelineSettings pipelineSettings() {
    return PipelineSettings.load(REPO.resolve("config/pipeline.json"));
  }

  static AppSources sources() {
    return sources(pipelineSettings());
  }

  static AppSources sources(PipelineSettings settings) {
    return new AppSources(settings, stateMachineDirectory(),
        FIXTURES.resolve("functions"), FIXTURES.resolve("image"));
  }

  /**
   * @param context the {@code context} to synthesise with
   * @return an app with bundling off and a temporary output folder
   */
  static App app(ObjectNode context) {
    Map<String, Object> ctx = new HashMap<>(JSON.convertValue(context, Map.class));
    ctx.put("aws:cdk:bundling-stacks", List.of());
    try {
      return App.Builder.create()
          .outdir(Files.createTempDirectory("rookery-cdk-test").toString())
          .context(ctx)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The stack of one environment of the real {@code cdk.json}, with some settings changed.
   *
   * @param env environment name
   * @param changes settings to replace in that environment
   * @return the stack, built through {@link RookeryApp#build}
   */
  static RookeryStack stack(String env, Map<String, Object> changes) {
    return stack(env, changes, sources());
  }

  /**
   * @param env environment name
   * @param changes settings to replace in that environment
   * @param sources the settings, definitions, code and image to build from
   * @return the stack, built through {@link RookeryApp#build}
   */
  static RookeryStack stack(String env, Map<String, Object> changes, AppSources sources) {
    ObjectNode context = cdkJsonContext();
    ObjectNode environment = (ObjectNode) context.get("environments").get(env);
    changes.forEach((k, v) -> environment.set(k, JSON.valueToTree(v)));
    context.put("env", env);
    App app = app(context);
    List<RookeryStack> stacks = RookeryApp.build(app, sources);
    return stacks.get(0);
  }

  /**
   * The definition of a state machine, as a string with the substitution tokens left in.
   *
   * @param template the stack's template
   * @param stateMachineName the state machine's name
   * @return its {@code DefinitionString} (joined) as text
   */
  static String definitionString(software.amazon.awscdk.assertions.Template template,
      String stateMachineName) {
    Map<String, Map<String, Object>> found = template.findResources(
        "AWS::StepFunctions::StateMachine", Map.of("Properties",
            software.amazon.awscdk.assertions.Match.objectLike(
                Map.of("StateMachineName", stateMachineName))));
    if (found.size() != 1) {
      throw new AssertionError("expected one state machine " + stateMachineName + ", found "
          + found.keySet());
    }
    Object props = found.values().iterator().next().get("Properties");
    return String.valueOf(((Map<?, ?>) props).get("DefinitionString"));
  }
}
