package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.monitor.GroundTruth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rookery label}: what it stores, what it refuses and how it says so. */
class LabelCommandTest {
  @TempDir static Path state;
  @TempDir Path tmp;

  @BeforeAll
  static void registerAModel() throws Exception {
    Path config = Files.writeString(state.resolve("pipeline.json"),
        "{\"format_version\": 1, \"target\": \"species\", \"tuning\": {\"max_jobs\": 1}}");
    Cli.Result run = Cli.run(state, "run", "--no-serve", "--config", config.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void label_goodAndBadLines_storesTheGoodNamesEachBadByFileAndLine() throws Exception {
    // given: line 2 is not JSON, line 4 is not a class, line 5 has no eventId
    Path file = Files.writeString(tmp.resolve("labels.jsonl"), String.join("",
        GroundTruth.line("a", "Adelie"), "{oops\n", GroundTruth.line("b", "Gentoo"), GroundTruth.line("c", "Emperor"),
        "{\"groundTruthData\": {\"data\": \"Adelie\", \"encoding\": \"CSV\"}}\n"), StandardCharsets.UTF_8);

    // when
    Cli.Result result = Cli.run(state, "label", file.toString());

    // then
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.out()).contains("2 labels stored in " + state.resolve("ground-truth"));
    assertThat(result.err()).contains("3 line(s) refused (2 malformed, 1 not one of model version 1's classes")
        .contains(file + ":2: not a JSON object")
        .contains(file + ":4: groundTruthData.data 'Emperor' is not one of the model's classes")
        .contains(file + ":5: no eventMetadata.eventId");
    List<String> stored = storedLines();
    assertThat(stored).contains(GroundTruth.line("a", "Adelie").strip(), GroundTruth.line("b", "Gentoo").strip())
        .noneMatch(l -> l.contains("Emperor") || l.contains("oops"));
  }

  @Test
  void label_latin1File_refusedNamingTheLine() throws Exception {
    Path file = tmp.resolve("latin1.jsonl");
    Files.write(file, GroundTruth.line("z", "Adélie").getBytes(StandardCharsets.ISO_8859_1));
    Cli.Result result = Cli.run(state, "label", file.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains(file + ":1: not UTF-8 text");
  }

  @Test
  void label_missingPath_isAUsageError() {
    Cli.Result result = Cli.run(state, "label", tmp.resolve("none.jsonl").toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("none.jsonl does not exist");
  }

  private static List<String> storedLines() throws Exception {
    try (Stream<Path> files = Files.walk(state.resolve("ground-truth"))) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).flatMap(p -> {
        try {
          return Files.readAllLines(p).stream();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }
}
