package dev.rookery.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.testutils.QualityFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** An /opt/ml tree with the ten hand-worked pairs and a baseline of threshold 0.8. */
  private Path optMl() {
    Path optMl = tmp.resolve("opt/ml");
    List<QualityFixtures.Pair> pairs = QualityFixtures.tenByHand();
    QualityFixtures.writeCapture(optMl.resolve("processing/endpointdata"), pairs);
    QualityFixtures.writeLines(optMl.resolve("processing/groundtruth/e/2024/05/01/12/l.jsonl"),
        QualityFixtures.labelLines(pairs));
    List<QualityFixtures.Pair> perfect = pairs.stream()
        .map(p -> new QualityFixtures.Pair(p.id(), p.actual(), p.actual(), p.time())).toList();
    Path constraints = QualityFixtures.writeBaseline(optMl.resolve("processing"), perfect, 0.2);
    try {
      Files.createDirectories(optMl.resolve("processing/baseline"));
      Files.move(constraints, optMl.resolve("processing/baseline/constraints.json"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return optMl;
  }

  @Test
  void main_modelQualityModeWithByocEnvironmentInARealJvm_writesOutputsAndMetricFiles() throws Exception {
    // given the environment as a processing job or Model Monitor passes it
    Path optMl = optMl();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.rookery.container.Main", "model-quality");
    pb.environment().putAll(Map.of(
        "ROOKERY_OPT_ML", optMl.toString(),
        "publish_cloudwatch_metrics", "Enabled",
        "sagemaker_endpoint_name", "penguins-endpoint",
        "sagemaker_monitoring_schedule_name", "quality",
        "start_time", "2024-05-01T10:00:00Z",
        "end_time", "2024-05-01T12:00:00Z",
        "min_joined_records", "10"));
    pb.redirectErrorStream(true);

    // when
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // then
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("model-quality: 10 labels, 10 joined, 0 unmatched, 0 of an unknown class, 0 malformed;"
        + " 1 violations")
        .contains("LessThanThreshold accuracy: Metric accuracy with 0.7000 was LessThanThreshold '0.8000'");
    Path out = optMl.resolve("processing/resultdata");
    assertThat(out.resolve("statistics.json")).exists();
    assertThat(out.resolve("report.html")).exists();
    JsonNode accuracy = JSON.readTree(optMl.resolve("output/metrics/cloudwatch/accuracy.json").toFile());
    assertThat(accuracy.get("Value").asDouble()).isEqualTo(0.7);
    assertThat(accuracy.get("Timestamp").asText()).isEqualTo("2024-05-01T12:00:00Z");
    assertThat(accuracy.get("Dimensions").toString()).contains("penguins-endpoint").contains("quality");
  }

  @Test
  void run_tooFewLabels_exitZeroSayingNotEnoughLabels() {
    // given
    Path optMl = optMl();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when: 10 joined, the default needs 30
    int code = QualityCommand.run(new String[0], Map.of("ROOKERY_OPT_ML", optMl.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    // then
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("not enough labels: 10 joined, 30 required");
  }

  @Test
  void run_badValues_usageErrorNamingTheVariable() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = QualityCommand.run(new String[] {"--min-joined-records", "lots"}, Map.of(), System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("min_joined_records must be a whole number, found 'lots'");
  }

  @Test
  void run_noGroundTruthFolder_failsNamingIt() {
    Path optMl = optMl();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = QualityCommand.run(new String[] {"--ground-truth-source", tmp.resolve("none").toString()},
        Map.of("ROOKERY_OPT_ML", optMl.toString()), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("ground_truth_source " + tmp.resolve("none") + " is not a folder");
  }
}
