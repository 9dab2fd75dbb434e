package dev.rookery.infra;

import dev.rookery.settings.PipelineSettings;
import dev.rookery.settings.SettingsException;
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
 * @param pipelineSettings {@code config/pipeline.json}, read and checked by the settings model
 * @param stateMachineDirectory the folder holding {@code pipeline.asl.json},
 *     {@code deploy.asl.json} and {@code monitoring.asl.json}
 * @param functionsCode the functions' code: the jar, or a fixture directory in tests (each stack
 *     makes its own {@code Code} of it: CDK ties an asset to one stack)
 * @param imageDirectory the Docker build context of the Rookery image
 */
public record AppSources(PipelineSettings pipelineSettings, Path stateMachineDirectory, Path functionsCode,
    Path imageDirectory) {

  /** The functions jar, relative to the repository root. */
  public static final String FUNCTIONS_JAR = "functions/target/rookery-functions.jar";
  /** The ASL files the app reads. */
  public static final List<String> STATE_MACHINES =
      List.of("pipeline.asl.json", "deploy.asl.json", "monitoring.asl.json");

  /** Checks that nothing is missing. */
  public AppSources {
    Objects.requireNonNull(pipelineSettings, "pipelineSettings");
    Objects.requireNonNull(stateMachineDirectory, "stateMachineDirectory");
    Objects.requireNonNull(functionsCode, "functionsCode");
    Objects.requireNonNull(imageDirectory, "imageDirectory");
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
    PipelineSettings settings = null;
    try {
      settings = PipelineSettings.load(settingsFile);
    } catch (SettingsException e) {
      e.problems().forEach(p -> problems.add(settingsFile + ": " + p));
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
