package dev.rookery.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.ml.testutils.Penguins;
import dev.rookery.settings.PipelineSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessModeTest {
  @TempDir Path dir;

  private Path split(Path settings, String name, String... extra) throws Exception {
    Path out = dir.resolve(name);
    String[] base = {"--input", Penguins.csv().toString(), "--output", out.toString(), "--settings", settings.toString()};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
        .toArray(String[]::new);
    PreprocessMode.run(args, new OptMl(dir.resolve("opt-ml")), new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    return out.resolve("train").resolve("train.csv");
  }

  @Test
  void run_settingsWithoutSeed_splitsWithTheModelsDefaultSeed() throws Exception {
    // given: settings that leave the seed to the model's default
    Path settings = Files.writeString(dir.resolve("pipeline.json"), "{\"format_version\": 1, \"target\": \"species\"}");

    // when
    Path defaulted = split(settings, "defaulted");
    Path explicit = split(settings, "explicit", "--seed", Long.toString(PipelineSettings.DEFAULT_SEED));
    Path other = split(settings, "other", "--seed", Long.toString(PipelineSettings.DEFAULT_SEED + 1));

    // then: the same split as the default seed given explicitly, and the seed does matter
    assertThat(Files.readString(defaulted)).isEqualTo(Files.readString(explicit));
    assertThat(Files.readString(defaulted)).isNotEqualTo(Files.readString(other));
  }
}
