package dev.rookery.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.infra.AppSources;
import dev.rookery.infra.RookeryApp;
import dev.rookery.settings.PipelineSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The dev stack of this build, synthesized once per test JVM by the real CDK app
 * ({@link RookeryApp#build}) from the repository's {@code cdk.json}, {@code config/pipeline.json},
 * ASL files, functions jar and image context; only asset bundling is off, as in infra's tests.
 *
 * @param template the CloudFormation template
 * @param assemblyDirectory the cloud assembly folder (assets, manifest)
 */
public record SynthesizedStack(JsonNode template, Path assemblyDirectory) {
  /** The environment the flows run as. */
  public static final String ENVIRONMENT = "dev";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SynthesizedStack dev;

  /** @return the dev stack, synthesized at the first call */
  public static synchronized SynthesizedStack dev() {
    if (dev == null) {
      dev = synthesize(ENVIRONMENT);
    }
    return dev;
  }

  /** The repository root: {@code -Drookery.repository} (set by the POM), else the parent folder. */
  public static Path repository() {
    return Path.of(System.getProperty("rookery.repository", "..")).toAbsolutePath().normalize();
  }

  /**
   * The dev stack synthesized from other pipeline settings, everything else as {@link #dev()}.
   *
   * @param settings what {@code config/pipeline.json} would hold
   * @return a stack of its own (not cached)
   */
  public static SynthesizedStack dev(PipelineSettings settings) {
    AppSources repo = AppSources.fromRepository(repository());
    return synthesize(ENVIRONMENT, new AppSources(settings, repo.stateMachineDirectory(),
        repo.functionsCode(), repo.imageDirectory()));
  }

  private static SynthesizedStack synthesize(String environment) {
    return synthesize(environment, AppSources.fromRepository(repository()));
  }

  private static SynthesizedStack synthesize(String environment, AppSources sources) {
    Path root = repository();
    try {
      ObjectNode context = (ObjectNode) JSON.readTree(Files.readString(root.resolve("cdk.json")))
          .get("context");
      context.put("env", environment);
      // as `npx cdk deploy -c notificationEmail=...`: the app has no default address
      context.put(RookeryApp.NOTIFICATION_EMAIL, "rookery-integration@example.org");
      @SuppressWarnings("unchecked")
      Map<String, Object> ctx = new HashMap<>(JSON.convertValue(context, Map.class));
      ctx.put("aws:cdk:bundling-stacks", List.of());
      Path out = Files.createTempDirectory("rookery-integration-cdk");
      App app = App.Builder.create().outdir(out.toString()).context(ctx).build();
      String stackName = RookeryApp.build(app, sources).get(0)
          .getStackName();
      CloudAssembly assembly = app.synth();
      JsonNode template = JSON.valueToTree(assembly.getStackByName(stackName).getTemplate());
      return new SynthesizedStack(template, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param type e.g. {@code AWS::Lambda::Function}
   * @return the resources of that type by logical id, in template order
   */
  public Map<String, JsonNode> resources(String type) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    template.get("Resources").fields().forEachRemaining(e -> {
      if (type.equals(e.getValue().path("Type").asText())) {
        found.put(e.getKey(), e.getValue());
      }
    });
    return found;
  }

  /**
   * @param type the resource type
   * @param property a top-level property
   * @param value its value
   * @return the logical id of the one resource of that type whose property has that value
   */
  public String logicalId(String type, String property, String value) {
    List<String> ids = resources(type).entrySet().stream()
        .filter(e -> value.equals(e.getValue().path("Properties").path(property).asText(null)))
        .map(Map.Entry::getKey).toList();
    if (ids.size() != 1) {
      throw new AssertionError("expected one " + type + " with " + property + "=" + value
          + " in the synthesized template, found " + ids);
    }
    return ids.get(0);
  }

  /** @return the logical id of the function whose handler is that class ({@code Class::method}) */
  public String functionId(Class<?> handler) {
    List<String> ids = resources("AWS::Lambda::Function").entrySet().stream()
        .filter(e -> e.getValue().path("Properties").path("Handler").asText("")
            .replaceFirst("::.*$", "").equals(handler.getName()))
        .map(Map.Entry::getKey).toList();
    if (ids.size() != 1) {
      throw new AssertionError("expected one function with handler " + handler.getName()
          + " in the synthesized template, found " + ids);
    }
    return ids.get(0);
  }

  /**
   * @param source an event source, e.g. {@code aws.s3}
   * @return the logical id of the (first) rule whose pattern matches that source
   */
  public String ruleOn(String source) {
    return resources("AWS::Events::Rule").entrySet().stream()
        .filter(e -> e.getValue().path("Properties").path("EventPattern").path("source")
            .toString().contains("\"" + source + "\""))
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new AssertionError("the synthesized template has no rule on source "
            + source));
  }

  /** @return the properties of a resource */
  public JsonNode properties(String logicalId) {
    JsonNode resource = template.get("Resources").get(logicalId);
    if (resource == null) {
      throw new AssertionError("no resource " + logicalId + " in the synthesized template");
    }
    return resource.path("Properties");
  }
}
