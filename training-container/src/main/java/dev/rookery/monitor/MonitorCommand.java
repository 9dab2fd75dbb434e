package dev.rookery.monitor;

import dev.rookery.cli.CommandLineOptions;
import dev.rookery.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@code monitor} mode of the image: reads Model Monitor's BYOC environment, lets command-line
 * options override it, runs {@link DriftMonitor}, and maps the outcome to an exit code (0 done,
 * with or without violations; 1 failed; 2 usage error).
 *
 * <p>Options (each overrides the environment variable in brackets):
 * {@code --dataset-source} [dataset_source, default {@code $ROOKERY_OPT_ML/processing/endpointdata}],
 * {@code --output-path} [output_path, default {@code $ROOKERY_OPT_ML/processing/resultdata}],
 * {@code --baseline-statistics} [baseline_statistics, default
 * {@code $ROOKERY_OPT_ML/processing/baseline/statistics.json}], {@code --baseline-constraints}
 * [baseline_constraints, default {@code .../baseline/constraints.json}],
 * {@code --publish-cloudwatch-metrics Enabled|Disabled} [publish_cloudwatch_metrics, default
 * Disabled], {@code --endpoint-name} [sagemaker_endpoint_name, default {@code local}],
 * {@code --monitoring-schedule-name} [sagemaker_monitoring_schedule_name, default {@code local}],
 * {@code --start-time} / {@code --end-time} [start_time / end_time, ISO-8601, default: no bound].
 * {@code ROOKERY_OPT_ML} (default {@code /opt/ml}) moves {@code /opt/ml}.
 */
public final class MonitorCommand {
  private static final Map<String, String> OPTION_TO_ENV = Map.of(
      "--dataset-source", "dataset_source",
      "--output-path", "output_path",
      "--baseline-statistics", "baseline_statistics",
      "--baseline-constraints", "baseline_constraints",
      "--publish-cloudwatch-metrics", "publish_cloudwatch_metrics",
      "--endpoint-name", "sagemaker_endpoint_name",
      "--monitoring-schedule-name", "sagemaker_monitoring_schedule_name",
      "--start-time", "start_time",
      "--end-time", "end_time");

  private MonitorCommand() {}

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
    return runJob("monitor", usage(), () -> request(args, env, Instant.now()), request -> {
      MonitorResult result = DriftMonitor.run(request);
      out.printf(Locale.ROOT, "monitor: %d records, %d malformed lines, %d violations -> %s%n",
          result.itemCount(), result.malformedCount(), result.violations().size(), request.outputPath());
      for (Violation v : result.violations()) {
        out.printf(Locale.ROOT, "  %s %s: %s%n", v.checkType().wireName(), v.featureName(), v.description());
      }
    }, err);
  }

  /**
   * The entry-point flow of both monitoring modes ({@code monitor}, {@code model-quality}): a bad
   * option or variable ({@link UsageException}, {@link IllegalArgumentException} from {@code
   * request}) exits 2 with the usage, a failed job ({@link MonitorException}) exits 1 with its
   * reason, otherwise 0, with violations or without.
   *
   * @param mode the mode's name, which starts every error line
   * @param usage the mode's usage text
   * @param request builds the request from the options and environment
   * @param job runs the job on it and prints the outcome
   * @param err where errors go
   * @return the exit code
   */
  static <R> int runJob(String mode, String usage, Supplier<R> request, Consumer<R> job, PrintStream err) {
    R built;
    try {
      built = request.get();
    } catch (UsageException | IllegalArgumentException e) {
      err.println(mode + ": " + e.getMessage());
      err.println(usage);
      return 2;
    }
    try {
      job.accept(built);
      return 0;
    } catch (MonitorException e) {
      err.println(mode + " failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Builds the request from environment and options.
   *
   * @throws UsageException naming an unknown option or one without a value
   * @throws IllegalArgumentException naming the option or variable whose value is wrong
   */
  static MonitorRequest request(String[] args, Map<String, String> env, Instant now) {
    Map<String, String> values = values(OPTION_TO_ENV, args, env);
    Path processing = optMl(env).resolve("processing");
    MonitorRequest.TimeWindow window = window(values);
    return new MonitorRequest(
        Path.of(values.getOrDefault("dataset_source", processing.resolve("endpointdata").toString())),
        Path.of(values.getOrDefault("output_path", processing.resolve("resultdata").toString())),
        new MonitorRequest.Baseline(
            Path.of(values.getOrDefault("baseline_statistics", processing.resolve("baseline/statistics.json").toString())),
            Path.of(values.getOrDefault("baseline_constraints", processing.resolve("baseline/constraints.json").toString()))),
        window,
        metrics(values, env, window, now));
  }

  /**
   * The BYOC variables the job knows, from the environment (blank ones ignored), then the options
   * (which win), keyed by variable name.
   *
   * @throws UsageException naming an unknown option or one without a value
   */
  static Map<String, String> values(Map<String, String> optionToEnv, String[] args, Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    env.forEach((k, v) -> {
      if (optionToEnv.containsValue(k) && v != null && !v.isBlank()) {
        values.put(k, v);
      }
    });
    CommandLineOptions.parse(optionToEnv.keySet(), args).forEach((option, value) -> values.put(optionToEnv.get(option), value));
    return values;
  }

  static Path optMl(Map<String, String> env) {
    return Path.of(env.getOrDefault("ROOKERY_OPT_ML", "/opt/ml"));
  }

  /** {@code start_time} / {@code end_time}. */
  static MonitorRequest.TimeWindow window(Map<String, String> values) {
    return new MonitorRequest.TimeWindow(time(values.get("start_time"), "start_time"), time(values.get("end_time"), "end_time"));
  }

  /**
   * The metrics' dimensions ({@code sagemaker_endpoint_name}, {@code sagemaker_monitoring_schedule_name},
   * default {@code local}), timestamp (the window end, else now) and BYOC folder
   * ({@code publish_cloudwatch_metrics}).
   */
  static MonitorRequest.Metrics metrics(Map<String, String> values, Map<String, String> env,
      MonitorRequest.TimeWindow window, Instant now) {
    String publish = values.getOrDefault("publish_cloudwatch_metrics", "Disabled");
    if (!publish.equals("Enabled") && !publish.equals("Disabled")) {
      throw new IllegalArgumentException(
          "publish_cloudwatch_metrics must be Enabled or Disabled, found '" + publish + "'");
    }
    return new MonitorRequest.Metrics(
        values.getOrDefault("sagemaker_endpoint_name", "local"),
        values.getOrDefault("sagemaker_monitoring_schedule_name", "local"),
        window.end() != null ? window.end() : now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        publish.equals("Enabled") ? optMl(env).resolve("output/metrics/cloudwatch") : null);
  }

  private static Instant time(String value, String name) {
    if (value == null) {
      return null;
    }
    try {
      return CaptureReader.parseTime(value, name);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static String usage() {
    List<String> options = OPTION_TO_ENV.keySet().stream().sorted().map(o -> "[" + o + " VALUE]").toList();
    return "usage: java -jar rookery-container.jar monitor " + String.join(" ", options)
        + "\n(each option overrides the BYOC environment variable of the same meaning)";
  }
}
