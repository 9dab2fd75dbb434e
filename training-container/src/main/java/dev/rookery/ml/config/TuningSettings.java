package dev.rookery.ml.config;

import java.util.List;

/**
 * The {@code tuning} block of {@code pipeline.json}.
 *
 * @param objectiveMetric metric name, e.g. {@code validation:accuracy}
 * @param objectiveType {@code Maximize} or {@code Minimize}
 * @param strategy SageMaker strategy name ({@code Random}, {@code Bayesian}); local tuning samples randomly
 * @param maxJobs number of trials, &gt;= 1
 * @param maxParallelJobs trials run at the same time, &gt;= 1
 * @param ranges the parameter ranges, in declaration order (Continuous, Integer, Categorical)
 */
public record TuningSettings(
    String objectiveMetric, String objectiveType, String strategy, int maxJobs, int maxParallelJobs, List<ParameterRange> ranges) {
  public TuningSettings {
    ranges = List.copyOf(ranges);
    if (maxJobs < 1) {
      throw new IllegalArgumentException("tuning.max_jobs must be at least 1, found " + maxJobs);
    }
    if (maxParallelJobs < 1) {
      throw new IllegalArgumentException("tuning.max_parallel_jobs must be at least 1, found " + maxParallelJobs);
    }
    if (!"Maximize".equals(objectiveType) && !"Minimize".equals(objectiveType)) {
      throw new IllegalArgumentException("tuning.objective.Type must be Maximize or Minimize, found '" + objectiveType + "'");
    }
  }
}
