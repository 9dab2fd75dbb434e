package dev.rookery.ml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.ml.exceptions.ArtifactFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSettingsTest {
  @Test
  void defaults_embeddedCopy_equalsRepositoryConfig() {
    // given: the repository's file, one directory up from the module
    PipelineSettings repo = PipelineSettings.load(Path.of("../config/pipeline.json"));
    // then
    assertThat(PipelineSettings.defaults()).isEqualTo(repo);
    assertThat(repo.target()).isEqualTo("species");
    assertThat(repo.split()).isEqualTo(SplitFractions.DEFAULT);
    assertThat(repo.tuning().maxJobs()).isEqualTo(3);
    assertThat(repo.tuning().ranges()).extracting(ParameterRange::name).containsExactly("learning_rate", "epochs");
  }

  @Test
  void load_badSplit_failsNamingFileAndValues(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, Files.readString(Path.of("../config/pipeline.json")).replace("\"test\": 0.15", "\"test\": 0.5"));
    assertThatThrownBy(() -> PipelineSettings.load(file))
        .isInstanceOf(ArtifactFormatException.class)
        .hasMessage(file + ": split fractions must sum to 1, found 0.7+0.15+0.5");
  }

  @Test
  void sample_logarithmicRange_staysInBounds() {
    var range = new ParameterRange.Continuous("learning_rate", 0.05, 1.0, ParameterRange.Scaling.LOGARITHMIC);
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      assertThat(Double.parseDouble(range.sample(random))).isBetween(0.05, 1.0);
    }
  }
}
