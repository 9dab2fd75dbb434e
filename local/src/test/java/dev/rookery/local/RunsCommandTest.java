package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.runs.RunRecord;
import dev.rookery.settings.PipelineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance of issue 16's run tracking: three real local runs with different settings, then
 * {@code runs list|show|compare} and {@code registry show}.
 */
class RunsCommandTest {
  @TempDir static Path work;
  static Path state;
  static String first;
  static String second;
  static String third;

  /**
   * Three runs: 3 Random trials (seed 42); 4 with seed 7; the same as the second with
   * {@code gate.must_beat_approved}, which the gate rejects (it ties the approved second run: same
   * seed, same trials).
   */
  @BeforeAll
  static void threeRuns() throws Exception {
    state = work.resolve("state");
    first = run(config("a.json", "{\"tuning\": {\"strategy\": \"Random\", \"max_jobs\": 3}}"), 0);
    second = run(config("b.json", "{\"seed\": 7, \"tuning\": {\"strategy\": \"Random\", \"max_jobs\": 4}}"), 0);
    third = run(config("c.json", "{\"seed\": 7, \"tuning\": {\"strategy\": \"Random\", \"max_jobs\": 4},"
        + " \"gate\": {\"must_beat_approved\": true}}"), ExitCodes.GATE_REJECTED);
  }

  private static Path config(String name, String overrides) throws Exception {
    return Files.writeString(work.resolve(name), PipelineSettings.bundled().withOverrides(overrides, name).toJson());
  }

  private static String run(Path config, int expectedExit) {
    Cli.Result result = Cli.run(state, "run", "--no-serve", "--config", config.toString());
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(expectedExit);
    Matcher m = Pattern.compile("Summary of run (\\S+)").matcher(result.out());
    assertThat(m.find()).as(result.toString()).isTrue();
    return m.group(1);
  }

  @Test
  void everyRun_writesRunJsonInItsFolder_withTrialsSettingsGateAndModel() throws Exception {
    Path file = new StateDir(state).run(second).dir().resolve("run.json");
    RunRecord record = RunRecord.parse(Files.readString(file), file.toString());

    assertThat(record.runId()).isEqualTo(second);
    assertThat(record.dataset().sha256()).matches("[0-9a-f]{64}");
    assertThat(record.rows().train() + record.rows().validation() + record.rows().test()).isGreaterThan(300);
    assertThat(record.config()).containsEntry("seed", 7L);
    assertThat(record.tuning().trials()).hasSize(4);
    assertThat(record.tuning().strategy()).isEqualTo("Random");
    assertThat(record.tuning().chosenTrial()).isPresent();
    assertThat(record.gate()).get().extracting(RunRecord.Gate::verdict).isEqualTo("PASSED");
    assertThat(record.model()).get().extracting(RunRecord.Model::version).isEqualTo(2);
    assertThat(record.endedAt()).isAfter(record.startedAt());

    Path rejected = new StateDir(state).run(third).dir().resolve("run.json");
    RunRecord gateRejected = RunRecord.parse(Files.readString(rejected), rejected.toString());
    assertThat(gateRejected.gate()).get().extracting(RunRecord.Gate::verdict).isEqualTo("NOT_BETTER_THAN_APPROVED");
    assertThat(gateRejected.gate().get().threshold()).isEqualTo(0.9);
    assertThat(gateRejected.gate().get().approvedVersion()).contains(2);
    assertThat(gateRejected.gate().get().approvedAccuracy()).contains(record.testAccuracy());
    assertThat(gateRejected.model()).isEmpty();
  }

  @Test
  void list_newestFirst_withStatusAndFilters() {
    Cli.Result all = Cli.run(state, "runs", "list");
    assertThat(all.exitCode()).as(all.toString()).isZero();
    List<String> lines = all.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith(third).contains("NOT_BETTER_THAN_APPROVED");
    assertThat(lines.get(3)).startsWith(first).contains("Approved");

    Cli.Result approved = Cli.run(state, "runs", "list", "--status", "Approved", "--limit", "1");
    assertThat(approved.out().lines().toList()).hasSize(2);
    assertThat(approved.out()).contains(second).doesNotContain(first);

    Cli.Result old = Cli.run(state, "runs", "list", "--since", "1s");
    assertThat(Cli.run(state, "runs", "list", "--since", "2d").out()).contains(first);
    assertThat(old.exitCode()).isZero();

    Cli.Result badStatus = Cli.run(state, "runs", "list", "--status", "Nope");
    assertThat(badStatus.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badStatus.err()).contains("--status").contains("Nope");
  }

  @Test
  void show_printsDatasetHashTrialsGateAndModel() {
    Cli.Result result = Cli.run(state, "runs", "show", first);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("run:").contains(first)
        .containsPattern("dataset sha256: +[0-9a-f]{64}")
        .contains("trials (3, Random")
        .contains("gate:").contains("PASSED")
        .containsPattern("model version: +1 ");
  }

  @Test
  void compare_marksWhatDiffered_andNamesTheWinner_asTextJsonAndHtml() throws Exception {
    Cli.Result text = Cli.run(state, "runs", "compare", first, second, third);
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).containsPattern("\\* config\\.seed +42 +7 +7\n")
        .containsPattern("\\* config\\.gate\\.must_beat_approved +false +false +true\n")
        .containsPattern("\\* tuning\\.trials +3 +4 +4\n")
        .containsPattern("(?m)^  config\\.target +species +species +species")
        .containsPattern("winner: \\S+ \\(test accuracy [01]\\.\\d{4}\\)");

    Cli.Result json = Cli.run(state, "runs", "compare", first, second, third, "--json");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.get("runs")).hasSize(3);
    assertThat(doc.get("winner").asText()).isIn(first, second, third);
    assertThat(doc.get("differences").toString()).contains("config.seed").doesNotContain("config.target");

    Path html = work.resolve("compare.html");
    Cli.Result page = Cli.run(state, "runs", "compare", first, second, third, "--html", html.toString());
    assertThat(page.exitCode()).as(page.toString()).isZero();
    String h = Files.readString(html);
    assertThat(h).startsWith("<!DOCTYPE html>").contains(first).contains(third)
        .contains("<tr class=\"differs\"><th>config.seed</th>").contains("<th class=\"winner\">")
        .doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");
    // the chart: one line per series across the three runs, and the gate's threshold
    assertThat(h).contains("<svg").contains("chart-line").contains("class=\"threshold\"")
        .contains("test accuracy").contains("best validation accuracy");
  }

  @Test
  void registryShow_namesTheRunAndTheDatasetHash() {
    Cli.Result result = Cli.run(state, "registry", "show", "2");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("run:              " + second)
        .containsPattern("dataset sha256:   [0-9a-f]{64}")
        .contains(second + "/run.json");
  }

  @Test
  void unknownRun_failsWithExit1NamingItAndTheKnownOnes() {
    Cli.Result show = Cli.run(state, "runs", "show", "20000101-000000-ffffff");
    assertThat(show.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(show.err()).contains("rookery runs show: run 20000101-000000-ffffff does not exist")
        .contains("rookery runs list");

    Cli.Result compare = Cli.run(state, "runs", "compare", first);
    assertThat(compare.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
