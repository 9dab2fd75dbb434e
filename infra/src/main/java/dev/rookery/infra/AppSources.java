package dev.rookery.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the stacks are built from, outside {@code cdk.json}: the pipeline settings, the ASL files,
 * the functions' code and the image's build context. The app reads them from the repository
 * ({@link #fromRepository}); tests pass fixtures.
 *
 * @param pipelineSettings the JSON of {@code config/pipeline.json}
 * @param stateMachineDirectory the folder holding {@code pipeline.asl.json},
 *     {@code deploy.asl.json} and {@code monitoring.asl.json}
 * @param functionsCode the functions' code: the jar, or a fixture directory in tests (each stack
 *     makes its own {@code Code} of it: CDK ties an asset to one stack)
 * @param imageDirectory the Docker build context of the Rookery image
 */
public record AppSources(JsonNode pipelineSettings, Path stateMachineDirectory, Path functionsCode,
    Path imageDirectory) {

  /** The functions jar, relative to the repository root. */
  public static final String FUNCTIONS_JAR = "functions/target/rookery-functions.jar";
  /** The ASL files the app reads. */
  public static final List<String> STATE_MACHINES =
      List.of("pipeline.asl.json", "deploy.asl.json", "monitoring.asl.json");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checks that nothing is missing. */
  public AppSources {
    Objects.requireNonNull(pipelineSettings, "pipelineSettings");
    Objects.requireNonNull(stateMachineDirectory, "stateMachineDirectory");
    Objects.requireNonNull(functionsCode, "functionsCode");
    Objects.requireNonNull(imageDirectory, "imageDirectory");
    if (!pipelineSettings.isObject()) {
      throw new IllegalArgumentException("pipelineSettings must be a JSON object, found "
          + pipelineSettings.getNodeType());
    }
  }

  /**
   * Reads everything from a built checkout, reporting every missing piece at once.
   *
   * @param root the repository root (where {@code cdk.json} is)
   * @return the sources
   * @throws InvalidConfigurationException naming every missing or unreadable file
   */
  public static AppSources fromRepository(Path root) {
    List<String> problems = new ArrayList<>();
    Path settingsFile = root.resolve("config/pipeline.json");
    JsonNode settings = null;
    try {
      settings = JSON.readTree(Files.readString(settingsFile));
    } catch (IOException e) {
      problems.add("cannot read pipeline settings " + settingsFile + ": " + e.getMessage());
    }
    Path stateMachines = root.resolve("statemachine");
    for (String file : STATE_MACHINES) {
      if (!Files.isRegularFile(stateMachines.resolve(file))) {
        problems.add("state machine definition " + stateMachines.resolve(file) + " is missing");
      }
    }
    Path jar = root.resolve(FUNCTIONS_JAR);
    if (!Files.isRegularFile(jar)) {
      problems.add("the functions jar " + jar + " is missing: run ./mvnw -DskipTests package"
          + " first (run ./mvnw package)");
    }
    Path image = root.resolve("training-container");
    if (!Files.isRegularFile(image.resolve("Dockerfile"))) {
      problems.add("the image build context " + image + " has no Dockerfile");
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
    return new AppSources(settings, stateMachines, jar, image);
  }
}
