package dev.rookery.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.functions.common.Environment;
import dev.rookery.functions.trigger.TriggerConfig;
import dev.rookery.functions.trigger.TriggerHandler;
import dev.rookery.local.RookeryCommand;
import dev.rookery.settings.PipelineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One default, four readers (issue 12): a {@code config/pipeline.json} that leaves {@code seed} out
 * goes through the infra app, the trigger function, the container and the local CLI, and each ends
 * up splitting with the settings model's {@link PipelineSettings#DEFAULT_SEED}. Changing that one
 * constant changes all four; a reader with a default of its own makes the splits differ here.
 *
 * <p>The cloud path is followed as it runs: the CDK app writes the settings into the trigger's
 * {@code PIPELINE_SETTINGS}; the trigger reads them and hands the complete document to the pipeline
 * machine, whose preprocess step passes {@code --seed <settings.seed>} to the container.
 */
class OneSettingsDefaultIT {
  private static final String WITHOUT_SEED =
      "{\"format_version\": 1, \"target\": \"species\", \"static_hyperparameters\": {\"algorithm\": \"logistic_l2\"}}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void settingsWithoutSeed_infraFunctionsContainerAndLocal_allSplitWithTheModelsDefaultSeed() throws Exception {
    // given: one settings file without a seed
    Path settingsFile = Files.writeString(work.resolve("pipeline.json"), WITHOUT_SEED);
    PipelineSettings settings = PipelineSettings.load(settingsFile);

    // when: infra synthesizes the stack from it, and the trigger reads what the stack gave it
    SynthesizedStack stack = SynthesizedStack.dev(settings);
    JsonNode trigger = stack.template().path("Resources").path(stack.functionId(TriggerHandler.class));
    String pipelineSettings = trigger.at("/Properties/Environment/Variables/PIPELINE_SETTINGS").asText();
    TriggerConfig config = TriggerConfig.from(new Environment(Map.of("STATE_MACHINE_ARN",
        "arn:aws:states:eu-west-1:123456789012:stateMachine:pipeline", "NOTIFICATION_TOPIC_ARN",
        "arn:aws:sns:eu-west-1:123456789012:topic", "PIPELINE_SETTINGS", pipelineSettings)));
    long cloudSeed = JSON.readTree(config.settings().toJson()).path("seed").asLong(-1);

    // and: local runs the whole pipeline on the embedded penguins
    Path state = work.resolve("state");
    rookery("run", "--no-serve", "--config", settingsFile.toString(), "--state-dir", state.toString());
    Path localRun;
    try (Stream<Path> runs = Files.list(state.resolve("runs"))) {
      localRun = runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    long localSeed = JSON.readTree(localRun.resolve("run.json").toFile()).at("/config/seed").asLong(-1);

    // and: the container splits the same file as the pipeline's preprocess step calls it, and alone
    Path dataset = state.resolve("datasets/penguins.csv");
    Path inCloud = preprocess(dataset, settingsFile, "cloud", "--seed", Long.toString(cloudSeed));
    Path containerDefault = preprocess(dataset, settingsFile, "container");
    Path otherSeed = preprocess(dataset, settingsFile, "other", "--seed", Long.toString(PipelineSettings.DEFAULT_SEED + 1));

    // then: every reader took the model's default, and so made the same split
    assertThat(pipelineSettings).contains("\"seed\":" + PipelineSettings.DEFAULT_SEED);
    assertThat(cloudSeed).isEqualTo(PipelineSettings.DEFAULT_SEED);
    assertThat(localSeed).isEqualTo(PipelineSettings.DEFAULT_SEED);
    String localTrain = Files.readString(localRun.resolve("train/train.csv"));
    assertThat(Files.readString(containerDefault)).isEqualTo(localTrain);
    assertThat(Files.readString(inCloud)).isEqualTo(localTrain);
    // the seed does decide the split, so a reader with another default could not pass
    assertThat(Files.readString(otherSeed)).isNotEqualTo(localTrain);
  }

  /** {@code rookery args...} as a shell runs it; its output goes to this test's report. */
  private static void rookery(String... args) {
    assertThat(new CommandLine(new RookeryCommand()).execute(args))
        .as("rookery %s", String.join(" ", args)).isZero();
  }

  /** The container's {@code preprocess} mode, as the image runs it; returns the train split. */
  private Path preprocess(Path dataset, Path settingsFile, String name, String... extra) {
    Path output = work.resolve(name);
    String[] args = Stream.concat(Stream.of("preprocess", "--input", dataset.toString(), "--output",
        output.toString(), "--settings", settingsFile.toString()), Stream.of(extra)).toArray(String[]::new);
    assertThat(dev.rookery.container.Main.run(args)).as("preprocess " + String.join(" ", args)).isZero();
    return output.resolve("train/train.csv");
  }
}
