package dev.rookery.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code tuning} block of {@code pipeline.json}: the fields of SageMaker's
 * {@code HyperParameterTuningJobConfig} the pipeline passes on.
 *
 * @param objectiveMetric {@code objective.MetricName}; default {@value PipelineSettings#DEFAULT_OBJECTIVE_METRIC}
 * @param objectiveType {@code objective.Type}, {@code Maximize} or {@code Minimize}; default
 *     {@value PipelineSettings#DEFAULT_OBJECTIVE_TYPE}
 * @param strategy {@code strategy}, one of {@link #STRATEGIES}; default
 *     {@value PipelineSettings#DEFAULT_STRATEGY}; {@code Grid} takes no continuous ranges
 * @param maxJobs {@code max_jobs}: number of trials, 1 or more; default {@value PipelineSettings#DEFAULT_MAX_JOBS}
 * @param maxParallelJobs {@code max_parallel_jobs}: trials run at the same time, 1 or more;
 *     default {@value PipelineSettings#DEFAULT_MAX_PARALLEL_JOBS}
 * @param ranges {@code parameter_ranges}, in declaration order (Continuous, Integer,
 *     Categorical); default none
 * @throws SettingsException listing every broken rule, paths relative to the block
 */
public record TuningSettings(
    String objectiveMetric, String objectiveType, String strategy, int maxJobs, int maxParallelJobs, List<ParameterRange> ranges) {
  /** {@code objective.Type} values (SageMaker {@code HyperParameterTuningJobObjectiveType}). */
  public static final List<String> OBJECTIVE_TYPES = List.of("Maximize", "Minimize");
  /** {@code strategy} values (SageMaker {@code HyperParameterTuningJobStrategyType}). */
  public static final List<String> STRATEGIES = List.of("Bayesian", "Random", "Hyperband", "Grid");

  /** The default tuning: no ranges, every other field at its default. */
  public static final TuningSettings DEFAULT = new TuningSettings(PipelineSettings.DEFAULT_OBJECTIVE_METRIC,
      PipelineSettings.DEFAULT_OBJECTIVE_TYPE, PipelineSettings.DEFAULT_STRATEGY, PipelineSettings.DEFAULT_MAX_JOBS,
      PipelineSettings.DEFAULT_MAX_PARALLEL_JOBS, List.of());

  public TuningSettings {
    ranges = List.copyOf(ranges);
    List<Problem> problems = new ArrayList<>();
    if (objectiveMetric == null || objectiveMetric.isBlank()) {
      problems.add(new Problem("objective.MetricName", "must not be blank, found " + SettingsJson.describe(objectiveMetric)));
    }
    if (!OBJECTIVE_TYPES.contains(objectiveType)) {
      problems.add(new Problem("objective.Type", "must be one of " + OBJECTIVE_TYPES + ", found "
          + SettingsJson.describe(objectiveType)));
    }
    if (!STRATEGIES.contains(strategy)) {
      problems.add(new Problem("strategy", "must be one of " + STRATEGIES + ", found " + SettingsJson.describe(strategy)));
    }
    if (maxJobs < 1) {
      problems.add(new Problem("max_jobs", "must be at least 1, found " + maxJobs));
    }
    if (maxParallelJobs < 1) {
      problems.add(new Problem("max_parallel_jobs", "must be at least 1, found " + maxParallelJobs));
    }
    Set<String> names = new java.util.HashSet<>();
    for (ParameterRange range : ranges) {
      if (!names.add(range.name())) {
        problems.add(new Problem("parameter_ranges", "names range '" + range.name() + "' twice"));
      }
    }
    for (ParameterRange range : ranges) {
      if (range instanceof ParameterRange.Categorical c && c.name().equals("algorithm")) {
        for (String value : c.values()) {
          if (!PipelineSettings.ALGORITHMS.contains(value)) {
            problems.add(new Problem("parameter_ranges.CategoricalParameterRanges[algorithm].Values",
                "must each be one of " + PipelineSettings.ALGORITHMS + ", found " + SettingsJson.describe(value)));
          }
        }
      }
      if ("Grid".equals(strategy) && range instanceof ParameterRange.Continuous) {
        problems.add(new Problem("strategy", "Grid searches only Categorical and Integer ranges (as SageMaker's"
            + " Grid does), found ContinuousParameterRanges '" + range.name() + "'"));
      }
    }
    if (!problems.isEmpty()) {
      throw new SettingsException("", problems);
    }
  }

  Object toJson() {
    Map<String, Object> ranges = new LinkedHashMap<>();
    for (String kind : ParameterRange.KINDS) {
      ranges.put(kind, this.ranges.stream().filter(r -> r.kind().equals(kind)).map(ParameterRange::toJson).toList());
    }
    return PipelineSettings.object(
        "objective", PipelineSettings.object("Type", objectiveType, "MetricName", objectiveMetric),
        "strategy", strategy,
        "max_jobs", maxJobs,
        "max_parallel_jobs", maxParallelJobs,
        "parameter_ranges", ranges);
  }
}
