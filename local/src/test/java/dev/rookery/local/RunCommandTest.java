package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path state;
  @TempDir Path work;

  private List<ModelVersion> versions() {
    try (Registry registry = Registry.open(new StateDir(state).registryDb())) {
      return registry.list();
    }
  }

  @Test
  void run_noServeOnPenguins_registersAnApprovedVersionAndPrintsTheSummary() throws Exception {
    // when
    Cli.Result result = Cli.run(state, "run", "--no-serve");

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("[1/5] preprocess", "[2/5] tune", "[3/5] evaluate", "[4/5] gate", "[5/5] register")
        .contains("] 9/9") // config/pipeline.json: max_jobs 9
        // config/pipeline.json: cv_folds 5, and the penguins' 292 train + validation rows are few
        .contains("validation accuracy = 5-fold stratified cross-validation accuracy over train + validation (292 records")
        .contains("accuracy test")
        .contains("model version       1, Approved")
        .contains("evaluation.html")
        .contains("not deployed (--no-serve)");
    assertThat(versions()).singleElement().satisfies(v -> {
      assertThat(v.status()).isEqualTo(ApprovalStatus.Approved);
      assertThat(v.testAccuracy()).isGreaterThanOrEqualTo(0.9);
      assertThat(v.registration().data().target()).isEqualTo("species");
      assertThat(v.registration().data().sha256())
          .isEqualTo(LocalPipeline.sha256(state.resolve("datasets/penguins.csv")));
      assertThat(v.registration().hyperparameters()).containsKeys("algorithm", "c", "num_trees");
      assertThat(v.layout().modelArchive()).isRegularFile();
      assertThat(v.layout().evaluationJson()).isRegularFile();
      assertThat(v.layout().baselineStatistics()).isRegularFile();
      assertThat(Files.readString(v.layout().evaluationHtml())).contains("confusion-matrix", "Adelie", "Gentoo");
    });
  }

  @Test
  void run_otherShapeWithTarget_trainsOnIt() throws Exception {
    // given
    Path csv = TestDatasets.blobs(work.resolve("blobs.csv"), 240, 7);

    // when
    Cli.Result result = Cli.run(state, "run", "--no-serve", "--data", csv.toString(), "--target", "kind");

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("classes [k0, k1, k2, k3]").contains("240 rows");
    assertThat(versions()).singleElement().satisfies(v -> {
      assertThat(v.registration().data().target()).isEqualTo("kind");
      assertThat(v.registration().data().path()).isEqualTo(csv.toAbsolutePath().toString());
      assertThat(v.testAccuracy()).isGreaterThanOrEqualTo(0.9);
    });
  }

  @Test
  void run_targetColumnMissing_failsBeforeTrainingWithTheLoadersMessage() throws Exception {
    // given
    Path csv = TestDatasets.blobs(work.resolve("blobs.csv"), 80, 7);

    // when
    Cli.Result result = Cli.run(state, "run", "--no-serve", "--data", csv.toString(), "--target", "species");

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("bad dataset, nothing trained").contains("species").contains(csv.toString());
    assertThat(result.out()).contains("[1/5] preprocess").doesNotContain("[2/5] tune");
    assertThat(versions()).isEmpty();
    try (Stream<Path> files = Files.walk(state.resolve("runs"))) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void run_textInANumericColumn_failsNamingLineColumnAndValue() throws Exception {
    // given: a numeric column with one word in it
    Path csv = work.resolve("bad.csv");
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 60; i++) {
      text.append(i == 30 ? "heavy" : String.valueOf(i)).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    Files.writeString(csv, text);

    // when
    Cli.Result result = Cli.run(state, "run", "--no-serve", "--data", csv.toString(), "--target", "y");

    // then
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("bad dataset").contains("heavy");
    assertThat(versions()).isEmpty();
  }

  @Test
  void run_belowThreshold_exitsThreeNamingBothNumbersAndRegistersNothing() throws Exception {
    // given
    Path csv = TestDatasets.randomLabels(work.resolve("noise.csv"), 300, 3);

    // when
    Cli.Result result = Cli.run(state, "run", "--data", csv.toString(), "--target", "label", "--port", "0");

    // then: rejected, and (without --no-serve) nothing was deployed either
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.GATE_REJECTED);
    assertThat(result.err()).containsPattern("test accuracy 0\\.\\d{4} is below the threshold 0\\.9000")
        .contains("nothing registered, nothing deployed");
    assertThat(result.out()).contains("model version       none").contains("evaluation.html");
    assertThat(versions()).isEmpty();
    assertThat(new StateDir(state).endpointFile()).doesNotExist();
    try (Stream<Path> html = Files.walk(state.resolve("runs"))) {
      assertThat(html.filter(p -> p.endsWith("evaluation.html"))).hasSize(1);
    }
  }

  @Test
  void run_mustBeatApprovedAndOnlyTies_exitsThreeAndKeepsOneVersion() throws Exception {
    // given
    Path config = TestDatasets.settings(work.resolve("pipeline.json"), 0.9, true, "auto");
    assertThat(Cli.run(state, "run", "--no-serve", "--config", config.toString()).exitCode()).isZero();

    // when: the same data, settings and seed give the same accuracy again
    Cli.Result second = Cli.run(state, "run", "--no-serve", "--config", config.toString());

    // then
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.GATE_REJECTED);
    assertThat(second.err()).contains("does not beat approved model version 1's");
    assertThat(versions()).hasSize(1);
  }

  @Test
  void run_manualApproval_registersPendingAndDoesNotDeploy() throws Exception {
    // given
    Path config = TestDatasets.settings(work.resolve("pipeline.json"), 0.9, false, "manual");

    // when: no --no-serve, yet the command returns, since nothing may be deployed
    Cli.Result result = Cli.run(state, "run", "--config", config.toString(), "--port", "0");

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("PendingManualApproval").contains("rookery registry approve 1");
    assertThat(versions()).singleElement().extracting(ModelVersion::status).isEqualTo(ApprovalStatus.PendingManualApproval);
  }

  @Test
  void run_twoAtOnce_registerTwoDistinctCompleteVersions() {
    // when
    CompletableFuture<Cli.Result> a = CompletableFuture.supplyAsync(() -> Cli.run(state, "run", "--no-serve"));
    CompletableFuture<Cli.Result> b = CompletableFuture.supplyAsync(() -> Cli.run(state, "run", "--no-serve"));

    // then
    assertThat(a.join().exitCode()).as(a.join().toString()).isZero();
    assertThat(b.join().exitCode()).as(b.join().toString()).isZero();
    assertThat(versions()).extracting(ModelVersion::version).containsExactly(1, 2);
    assertThat(versions()).extracting(v -> v.registration().runId()).doesNotHaveDuplicates();
    assertThat(versions()).allSatisfy(v -> assertThat(v.layout().modelArchive()).isRegularFile());
  }

  @Test
  void run_processKilledWhileRegistering_leavesNoVersionAndAUsableRegistry() throws Exception {
    // given: another writer holds the registry's write lock, so the run stops at its one INSERT
    StateDir stateDir = new StateDir(state).create();
    Registry.open(stateDir.registryDb()).close();
    Process child;
    List<String> lines = new ArrayList<>();
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + stateDir.registryDb());
        Statement st = lock.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      child = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              Main.class.getName(), "run", "--no-serve", "--state-dir", state.toString())
          .redirectErrorStream(true)
          .start();
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("[5/5] register")) {
          break;
        }
      }
      assertThat(lines).as("child output").anyMatch(l -> l.startsWith("[5/5] register"));
      Thread.sleep(300); // it is now waiting inside BEGIN IMMEDIATE

      // when
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      st.execute("ROLLBACK");
    }

    // then: artefacts of the run are on disk, but no version points at them
    assertThat(versions()).isEmpty();
    try (Stream<Path> runs = Files.list(stateDir.runs())) {
      assertThat(runs.toList()).singleElement().satisfies(run -> assertThat(run.resolve("model.tar.gz")).isRegularFile());
    }
    assertThat(RegistryIntegrity.check(stateDir.registryDb())).isEqualTo("ok");
    Cli.Result next = Cli.run(state, "run", "--no-serve");
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(versions()).extracting(ModelVersion::version).containsExactly(1);
  }

  @Test
  void run_settingsWithBadThreshold_failsNamingTheFieldBeforeTraining() throws Exception {
    // given
    Path config = TestDatasets.settings(work.resolve("pipeline.json"), 1.5, false, "auto");

    // when
    Cli.Result result = Cli.run(state, "run", "--no-serve", "--config", config.toString());

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("bad pipeline settings").contains("gate.accuracy_threshold").contains("1.5");
    assertThat(result.out()).doesNotContain("[1/5]");
  }

  @Test
  void run_configWithoutSeed_splitsWithTheSettingsModelsDefaultSeed() throws Exception {
    // given: settings that leave seed (and tuning) to the model's defaults
    Path config = Files.writeString(work.resolve("minimal.json"),
        "{\"format_version\": 1, \"target\": \"species\", \"static_hyperparameters\": {\"algorithm\": \"logistic\"}}");

    // when
    Cli.Result result = Cli.run(state, "run", "--no-serve", "--config", config.toString());

    // then
    assertThat(result.out()).as(result.toString())
        .contains("split (stratified, seed " + dev.rookery.settings.PipelineSettings.DEFAULT_SEED + ")")
        .contains("/" + dev.rookery.settings.PipelineSettings.DEFAULT_MAX_JOBS);
  }

  @Test
  void run_configNotJson_namesFileLineAndColumnWithoutJacksonSource() throws Exception {
    // given: a doubled comma on line 2
    Path config = Files.writeString(work.resolve("bad.json"), "{\"target\": \"species\",\n  , \"seed\": 1}\n");

    // when
    Cli.Result result = Cli.run(state, "run", "--no-serve", "--config", config.toString());

    // then
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("rookery run: bad pipeline settings: " + config + ": not valid JSON at line 2,"
            + " column 3: Unexpected character (',' (code 44)): was expecting double-quote to start field name"
            + " (see config/pipeline.schema.json for the format)")
        .doesNotContain("REDACTED").doesNotContain("Source:");
    assertThat(result.out()).doesNotContain("[1/5]");
  }

  @Test
  void help_everySubcommand_printsItsUsageAndExitsZero() {
    for (String sub : new String[] {"run", "serve", "traffic", "monitor", "registry"}) {
      Cli.Result result = Cli.exec(sub, "--help");
      assertThat(result.exitCode()).as(sub).isZero();
      assertThat(result.out()).as(sub).contains("Usage: rookery " + sub);
    }
  }
}
