package dev.rookery.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.settings.PipelineSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code context.environments} of {@code cdk.json} and selects the ones to synthesise
 * ({@code -c env=<name>}, default all). Every problem of every environment, and an unknown
 * selection, is reported in one {@link InvalidConfigurationException}.
 */
public final class Environments {
  private Environments() {}

  /**
   * @param environments the {@code environments} context value
   * @param selected the {@code env} context value, or {@code null} for all
   * @param pipeline the pipeline settings of {@code config/pipeline.json}, which each environment's
   *     {@code pipeline} block overrides
   * @return the selected environments, in declaration order
   * @throws InvalidConfigurationException listing every problem
   */
  public static List<EnvironmentConfig> select(JsonNode environments, String selected,
      PipelineSettings pipeline) {
    List<String> problems = new ArrayList<>();
    if (environments == null || environments.isNull() || environments.isMissingNode()) {
      throw new InvalidConfigurationException(List.of(
          "context.environments is missing: declare at least one environment in cdk.json"));
    }
    if (!environments.isObject() || environments.isEmpty()) {
      throw new InvalidConfigurationException(List.of(
          "context.environments must be an object with at least one environment, found "
              + environments));
    }
    List<EnvironmentConfig> all = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = environments.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      names.add(entry.getKey());
      try {
        all.add(EnvironmentConfig.fromJson(entry.getKey(), entry.getValue(), pipeline));
      } catch (InvalidConfigurationException e) {
        problems.addAll(e.problems());
      }
    }
    if (selected != null && !names.contains(selected)) {
      problems.add("env '" + selected + "' is not a configured environment (configured: "
          + names + ")");
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
    return selected == null
        ? List.copyOf(all)
        : all.stream().filter(e -> e.name().equals(selected)).toList();
  }
}
