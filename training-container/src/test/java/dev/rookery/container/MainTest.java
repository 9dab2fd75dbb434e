package dev.rookery.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.ml.model.TarGz;
import dev.rookery.ml.testutils.Penguins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Runs the container modes as real JVM processes against a temporary {@code /opt/ml} tree. */
class MainTest {
  @TempDir Path optMl;

  record Run(int exit, String stdout, String stderr) {}

  private Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put(OptMl.ENV, optMl.toString());
    Path out = Files.createTempFile("out", ".txt");
    Path err = Files.createTempFile("err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  @Test
  void modes_penguins_preprocessTrainEvaluateUnderOptMl() throws Exception {
    // given: SageMaker's processing input
    Files.createDirectories(optMl.resolve("processing/input"));
    Files.copy(Penguins.csv(), optMl.resolve("processing/input/penguins.csv"));
    // when: preprocess
    Run pre = run("preprocess");
    // then
    assertThat(pre.exit()).as(pre.stderr()).isZero();
    assertThat(optMl.resolve("processing/train/train.csv")).exists();
    assertThat(optMl.resolve("processing/baseline/statistics.json")).exists();

    // given: the training channels, as SageMaker lays them out
    for (String channel : new String[] {"train", "validation"}) {
      Path to = Files.createDirectories(optMl.resolve("input/data/" + channel));
      try (var files = Files.list(optMl.resolve("processing/" + channel))) {
        for (Path f : files.toList()) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
    Files.createDirectories(optMl.resolve("input/config"));
    Files.writeString(optMl.resolve("input/config/hyperparameters.json"),
        "{\"algorithm\": \"logistic\", \"epochs\": \"10\", \"cv_folds\": \"5\","
            + " \"_tuning_objective_metric\": \"validation:accuracy\"}");
    // when: train
    Run train = run("train");
    // then
    assertThat(train.exit()).as(train.stderr()).isZero();
    assertThat(train.stdout()).contains("train: the objective is 5-fold stratified cross-validation accuracy over"
        + " train + validation (292 records, at most 1000)");
    assertThat(train.stdout()).containsPattern("(?m)^train:accuracy=\\d\\.\\d{4};$").containsPattern("(?m)^validation:accuracy=\\d\\.\\d{4};$")
        .contains("train: model refitted on train + validation (292 records)");
    assertThat(optMl.resolve("model/model.tribuo")).exists();
    assertThat(optMl.resolve("output/failure")).doesNotExist();

    // given: model.tar.gz as SageMaker hands it to the processing job
    TarGz.pack(optMl.resolve("model"), optMl.resolve("processing/model/model.tar.gz"));
    // when: evaluate
    Run eval = run("evaluate");
    // then
    assertThat(eval.exit()).as(eval.stderr()).isZero();
    var json = new ObjectMapper().readTree(optMl.resolve("processing/evaluation/evaluation.json").toFile());
    assertThat(json.at("/multiclass_classification_metrics/accuracy/value").asDouble()).isGreaterThanOrEqualTo(0.97);
    assertThat(json.at("/item_count").asInt()).isEqualTo(52);
    // and the model-quality baseline next to it: threshold = test accuracy minus the default tolerance
    var constraints = new ObjectMapper().readTree(
        optMl.resolve("processing/evaluation/model-quality/constraints.json").toFile());
    assertThat(constraints.at("/multiclass_classification_constraints/accuracy/threshold").asDouble())
        .isEqualTo(Math.max(0, json.at("/multiclass_classification_metrics/accuracy/value").asDouble() - 0.05));
    var statistics = new ObjectMapper().readTree(
        optMl.resolve("processing/evaluation/model-quality/statistics.json").toFile());
    assertThat(statistics.at("/dataset/item_count").asInt()).isEqualTo(52);
    assertThat(statistics.at("/multiclass_classification_metrics")).isEqualTo(json.at("/multiclass_classification_metrics"));
    assertThat(optMl.resolve("processing/run")).as("no run record unless --run-id").doesNotExist();

    // when: evaluate as the pipeline runs it, with the run's identity (ContainerArguments) and the
    // pinned dataset and the splits as processing inputs
    Run cloud = run("evaluate", "--run-id", "rk-0123456789abcdef01234567", "--started-at", "2026-12-03T13:00:00Z",
        "--dataset-uri", "s3://data/incoming/penguins.csv?versionId=v1", "--chosen-trial", "rk-0123-tune-003-4c1a9e2b",
        "--strategy", "Bayesian");
    // then: runs/<execution>/run.json's first version, for the register step to complete
    assertThat(cloud.exit()).as(cloud.stderr()).isZero();
    Path runJson = optMl.resolve("processing/run/run.json");
    dev.rookery.runs.RunRecord record = dev.rookery.runs.RunRecord.parse(Files.readString(runJson), runJson.toString());
    assertThat(record.runId()).isEqualTo("rk-0123456789abcdef01234567");
    assertThat(record.dataset().uri()).isEqualTo("s3://data/incoming/penguins.csv?versionId=v1");
    assertThat(record.dataset().sha256()).isEqualTo(dev.rookery.ml.train.TrainingData.sha256(Penguins.csv()));
    assertThat(record.rows()).isEqualTo(new dev.rookery.runs.RunRecord.Rows(240, 52, 52, 0));
    assertThat(record.tuning().chosenTrial()).get()
        .extracting(dev.rookery.runs.RunRecord.Trial::hyperparameters).asString().contains("algorithm=logistic");
    assertThat(record.testAccuracy()).isEqualTo(json.at("/multiclass_classification_metrics/accuracy/value").asDouble());
    assertThat(record.gate()).isEmpty();
    assertThat(record.model()).isEmpty();
  }

  /** Bad hyperparameters.json files, each with the start of the failure that names file, field or value. */
  static Stream<Arguments> refusedHyperparameters() {
    return Stream.of(
        Arguments.of("unknown hyperparameter", "{\"eta\": \"0.3\"}",
            "hyperparameter 'eta' = '0.3': unknown hyperparameter"),
        Arguments.of("trailing comma", "{\"algorithm\": \"logistic\",}",
            "{file}: not valid JSON at line 1, column 26: Unexpected character ('}' (code 125)):"
                + " was expecting double-quote to start field name"),
        Arguments.of("not an object", "[\"logistic\"]",
            "{file}: must hold one JSON object of strings, found array"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedHyperparameters")
  void train_badHyperparameters_writesFailureNamingWhatAndNoModel(String why, String content, String failure)
      throws Exception {
    // given
    Path file = Files.createDirectories(optMl.resolve("input/config")).resolve("hyperparameters.json");
    Files.writeString(file, content);
    String expected = failure.replace("{file}", file.toString());
    // when
    Run r = run("train");
    // then
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains("train failed: " + expected).doesNotContain("REDACTED").doesNotContain("Exception");
    assertThat(Files.readString(optMl.resolve("output/failure"), StandardCharsets.UTF_8)).startsWith(expected);
    assertThat(Penguins.fileCount(optMl.resolve("model"))).isZero();
  }

  @Test
  void preprocess_unterminatedQuote_namesFileAndLineWithoutExceptionNames() throws Exception {
    // given: the quote opened on line 4 is never closed
    Path input = Files.createDirectories(optMl.resolve("processing/input")).resolve("data.csv");
    Files.writeString(input, "species,x\nAdelie,1\nGentoo,2\nAdelie,\"3\nGentoo,4\n");
    // when
    Run r = run("preprocess");
    // then
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr())
        .contains("preprocess failed: dataset " + input + ", line 4: a quoted value opened on this line is never"
            + " closed: the file ends inside it (RFC 4180: a value holding a '\"' is quoted and the '\"' doubled")
        .doesNotContain("Exception").doesNotContain("startline");
    assertThat(optMl.resolve("processing/train")).doesNotExist();
  }

  @Test
  void preprocess_oneClassDataset_exitsOneAndWritesNoSplit() throws Exception {
    // given
    Path input = Files.createDirectories(optMl.resolve("processing/input"));
    Files.writeString(input.resolve("data.csv"), "species,x\nAdelie,1\nAdelie,2\n");
    // when
    Run r = run("preprocess", "--output", optMl.resolve("processing").toString());
    // then
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains("the target needs at least 2 classes, found 1 ('Adelie', 2 rows)");
    for (String dir : new String[] {"train", "validation", "test", "baseline"}) {
      assertThat(optMl.resolve("processing").resolve(dir)).doesNotExist();
    }
    assertThat(Files.readString(optMl.resolve("output/message"))).contains("at least 2 classes");
  }

  @Test
  void main_unknownOption_exitsTwoWithUsage() throws Exception {
    Run r = run("evaluate", "--bogus", "1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("Unknown option").contains("'--bogus'").contains("options: --model, --test, --output")
        .contains("usage:");
  }
}
