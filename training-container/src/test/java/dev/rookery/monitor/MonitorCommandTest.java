package dev.rookery.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.ml.stats.BaselineWriter;
import dev.rookery.testutils.CaptureFixtures;
import dev.rookery.testutils.CaptureFixtures.Encoding;
import dev.rookery.testutils.PenguinsFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorCommandTest {
  @TempDir Path tmp;

  @Test
  void run_byocEnvironmentInARealJvm_writesOutputsAndMetricFiles() throws Exception {
    // given an /opt/ml-shaped tree and the BYOC environment, as Model Monitor starts the image
    Path optMl = tmp.resolve("opt/ml");
    Path baseline = optMl.resolve("processing/baseline");
    BaselineWriter.write(PenguinsFixtures.schema(), PenguinsFixtures.train().rows(), baseline);
    Instant start = Instant.parse("2024-05-01T10:00:00Z");
    PenguinsFixtures.Split test = PenguinsFixtures.test();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < test.rows().size(); i++) {
      lines.add(CaptureFixtures.line(Encoding.CSV, CaptureFixtures.csv(test.rows().get(i)), null,
          test.labels().get(i), start.plusSeconds(i), i));
    }
    CaptureFixtures.write(optMl.resolve("processing/endpointdata"), start, "c.jsonl", lines);
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.rookery.container.Main", "monitor",
        "--end-time", "2024-05-01T11:00:00Z");
    pb.environment().putAll(Map.of(
        "ROOKERY_OPT_ML", optMl.toString(),
        "dataset_source", optMl.resolve("processing/endpointdata").toString(),
        "output_path", optMl.resolve("processing/resultdata").toString(),
        "baseline_statistics", baseline.resolve("statistics.json").toString(),
        "baseline_constraints", baseline.resolve("constraints.json").toString(),
        "publish_cloudwatch_metrics", "Enabled",
        "sagemaker_endpoint_name", "penguins-endpoint",
        "sagemaker_monitoring_schedule_name", "hourly",
        "start_time", "2024-05-01T10:00:00Z",
        "end_time", "2024-05-01T10:00:01Z")); // overridden by --end-time
    pb.redirectErrorStream(true);

    // when
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // then
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("monitor: " + test.rows().size() + " records, 0 malformed lines, 0 violations");
    Path out = optMl.resolve("processing/resultdata");
    assertThat(out.resolve("statistics.json")).exists();
    assertThat(out.resolve("constraint_violations.json")).exists();
    assertThat(out.resolve("report.html")).exists();
    assertThat(Files.readString(out.resolve("cloudwatch_metrics.json"))).contains("\"Timestamp\" : \"2024-05-01T11:00:00Z\"");
    assertThat(optMl.resolve("output/metrics/cloudwatch/constraint_violations.json")).exists();
  }

  @Test
  void request_badPublishValue_usageErrorNamingIt() {
    // when
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = MonitorCommand.run(new String[] {"--publish-cloudwatch-metrics", "Yes"}, Map.of(),
        new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err));

    // then
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("publish_cloudwatch_metrics must be Enabled or Disabled, found 'Yes'");
  }

  @Test
  void run_missingCaptureFolder_exitsOneNamingIt() {
    // given
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    BaselineWriter.write(PenguinsFixtures.schema(), PenguinsFixtures.train().rows(), tmp.resolve("b"));

    // when
    int code = MonitorCommand.run(new String[] {"--dataset-source", tmp.resolve("none").toString(),
        "--output-path", tmp.resolve("out").toString(),
        "--baseline-statistics", tmp.resolve("b/statistics.json").toString(),
        "--baseline-constraints", tmp.resolve("b/constraints.json").toString()}, Map.of(),
        new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err));

    // then
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("dataset_source " + tmp.resolve("none") + " is not a folder");
    assertThat(tmp.resolve("out")).doesNotExist();
  }
}
