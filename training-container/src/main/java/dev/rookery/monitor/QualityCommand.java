package dev.rookery.monitor;

import dev.rookery.cli.UsageException;
import dev.rookery.settings.PipelineSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code model-quality} mode of the image: reads the BYOC-style environment as {@code monitor}
 * does, lets command-line options override it, runs {@link ModelQualityMonitor}, and maps the
 * outcome to an exit code (0 done, with or without violations or labels; 1 failed; 2 usage error).
 *
 * <p>Options (each overrides the environment variable in brackets):
 * {@code --dataset-source} [dataset_source, default {@code $ROOKERY_OPT_ML/processing/endpointdata}],
 * {@code --ground-truth-source} [ground_truth_source, default {@code .../processing/groundtruth}],
 * {@code --baseline-constraints} [baseline_constraints, default {@code .../processing/baseline/constraints.json}],
 * {@code --output-path} [output_path, default
 * {@code .../processing/resultdata}], {@code --start-time} / {@code --end-time} [start_time /
 * end_time: the window of inference times, already shifted by the label offset],
 * {@code --endpoint-name} [sagemaker_endpoint_name], {@code --monitoring-schedule-name}
 * [sagemaker_monitoring_schedule_name], {@code --publish-cloudwatch-metrics Enabled|Disabled}
 * [publish_cloudwatch_metrics], {@code --min-joined-records N} [min_joined_records, default
 * {@code model_quality.min_joined_records}'s, {@value PipelineSettings#DEFAULT_MIN_JOINED_RECORDS}].
 */
public final class QualityCommand {
  private static final Map<String, String> OPTION_TO_ENV = Map.ofEntries(
      Map.entry("--dataset-source", "dataset_source"),
      Map.entry("--ground-truth-source", "ground_truth_source"),
      Map.entry("--baseline-constraints", "baseline_constraints"),
      Map.entry("--output-path", "output_path"),
      Map.entry("--publish-cloudwatch-metrics", "publish_cloudwatch_metrics"),
      Map.entry("--endpoint-name", "sagemaker_endpoint_name"),
      Map.entry("--monitoring-schedule-name", "sagemaker_monitoring_schedule_name"),
      Map.entry("--start-time", "start_time"),
      Map.entry("--end-time", "end_time"),
      Map.entry("--min-joined-records", "min_joined_records"));

  private QualityCommand() {}

  /** Runs with the process environment. */
  public static int run(String[] args) {
    return run(args, System.getenv(), System.out, System.err);
  }

  /**
   * Runs with the given environment and streams.
   *
   * @return the exit code
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return MonitorCommand.runJob("model-quality", usage(), () -> request(args, env, Instant.now()), request -> {
      QualityResult result = ModelQualityMonitor.run(request);
      QualityResult.LabelCounts l = result.counts().labels();
      out.printf(Locale.ROOT, "model-quality: %d labels, %d joined, %d unmatched, %d of an unknown class, %d malformed;"
          + " %s -> %s%n", l.total(), l.joined(), l.unmatched(), l.unknownClass(), l.malformed(),
          result.notEnoughLabelsMessage().orElse(result.violations().size() + " violations"), request.outputPath());
      for (QualityResult.Violation v : result.violations()) {
        out.printf(Locale.ROOT, "  %s %s: %s%n", v.checkType(), v.metricName(), v.description());
      }
      l.problems().stream().limit(5).forEach(p -> out.println("  ground truth: " + p));
    }, err);
  }

  /**
   * Builds the request from environment and options.
   *
   * @throws UsageException naming an unknown option or one without a value
   * @throws IllegalArgumentException naming the option or variable whose value is wrong
   */
  static QualityRequest request(String[] args, Map<String, String> env, Instant now) {
    Map<String, String> values = MonitorCommand.values(OPTION_TO_ENV, args, env);
    Path processing = MonitorCommand.optMl(env).resolve("processing");
    MonitorRequest.TimeWindow window = MonitorCommand.window(values);
    return new QualityRequest(
        new QualityRequest.Sources(
            Path.of(values.getOrDefault("dataset_source", processing.resolve("endpointdata").toString())),
            Path.of(values.getOrDefault("ground_truth_source", processing.resolve("groundtruth").toString()))),
        Path.of(values.getOrDefault("baseline_constraints", processing.resolve("baseline/constraints.json").toString())),
        Path.of(values.getOrDefault("output_path", processing.resolve("resultdata").toString())),
        window,
        MonitorCommand.metrics(values, env, window, now),
        minJoined(values.get("min_joined_records")));
  }

  private static int minJoined(String value) {
    if (value == null) {
      return PipelineSettings.DEFAULT_MIN_JOINED_RECORDS;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("min_joined_records must be a whole number, found '" + value + "'", e);
    }
  }

  static String usage() {
    List<String> options = OPTION_TO_ENV.keySet().stream().sorted().map(o -> "[" + o + " VALUE]").toList();
    return "usage: java -jar rookery-container.jar model-quality " + String.join(" ", options)
        + "\n(each option overrides the environment variable of the same meaning)";
  }
}
