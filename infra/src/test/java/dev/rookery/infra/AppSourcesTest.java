package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSourcesTest {
  @TempDir Path root;

  @Test
  void fromRepository_badSettings_namesFileFieldValueAndLineWithTheOtherProblems() throws Exception {
    // given: a checkout whose pipeline.json breaks two rules of the settings model, and nothing built
    Path settings = Files.createDirectories(root.resolve("config")).resolve("pipeline.json");
    Files.writeString(settings, "{\n  \"format_version\": 1,\n  \"target\": \"species\",\n"
        + "  \"capture_percent\": 150,\n  \"tuning\": {\"max_jobs\": 0}\n}\n");

    // when
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> AppSources.fromRepository(root));

    // then
    assertThat(e.problems()).contains(
        settings + ": tuning.max_jobs: must be at least 1, found 0 (line 5)",
        settings + ": capture_percent: must be between 0 and 100, found 150 (line 4)");
    assertThat(e.problems()).anyMatch(p -> p.contains("the functions jar"));
  }
}
