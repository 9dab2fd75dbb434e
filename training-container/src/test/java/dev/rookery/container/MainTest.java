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
import org.junit.jupiter.api.Test;
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
        "{\"algorithm\": \"logistic\", \"epochs\": \"10\", \"_tuning_objective_metric\": \"validation:accuracy\"}");
    // when: train
    Run train = run("train");
    // then
    assertThat(train.exit()).as(train.stderr()).isZero();
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
  }

  @Test
  void train_unknownHyperparameter_writesFailureAndNoModel() throws Exception {
    // given
    Files.createDirectories(optMl.resolve("input/config"));
    Files.writeString(optMl.resolve("input/config/hyperparameters.json"), "{\"eta\": \"0.3\"}");
    // when
    Run r = run("train");
    // then
    assertThat(r.exit()).isEqualTo(1);
    assertThat(Files.readString(optMl.resolve("output/failure"), StandardCharsets.UTF_8))
        .startsWith("hyperparameter 'eta' = '0.3': unknown hyperparameter");
    assertThat(Penguins.fileCount(optMl.resolve("model"))).isZero();
  }

  @Test
  void train_malformedHyperparametersJson_namesFileLineAndColumn() throws Exception {
    // given: a trailing comma
    Path file = Files.createDirectories(optMl.resolve("input/config")).resolve("hyperparameters.json");
    Files.writeString(file, "{\"algorithm\": \"logistic\",}");
    // when
    Run r = run("train");
    // then
    String expected = file + ": not valid JSON at line 1, column 26: Unexpected character ('}' (code 125)):"
        + " was expecting double-quote to start field name";
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains("train failed: " + expected).doesNotContain("REDACTED").doesNotContain("Exception");
    assertThat(Files.readString(optMl.resolve("output/failure"), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(Penguins.fileCount(optMl.resolve("model"))).isZero();
  }

  @Test
  void train_hyperparametersNotAnObject_namesFileAndWhatItFound() throws Exception {
    // given
    Path file = Files.createDirectories(optMl.resolve("input/config")).resolve("hyperparameters.json");
    Files.writeString(file, "[\"logistic\"]");
    // when
    Run r = run("train");
    // then
    assertThat(r.exit()).isEqualTo(1);
    assertThat(Files.readString(optMl.resolve("output/failure"), StandardCharsets.UTF_8))
        .isEqualTo(file + ": must hold one JSON object of strings, found array");
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
