package dev.rookery.functions.common;

import dev.rookery.functions.exceptions.InvalidConfigurationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads configuration from an environment map (the Lambda's {@code System.getenv()} in production, a
 * plain map in tests). Only the handlers' {@code wire} methods (called by {@link JsonHandler}'s
 * runtime constructor) and config records use it.
 */
public final class Environment {
  private final Map<String, String> variables;

  /** @param variables the environment, e.g. {@code System.getenv()} */
  public Environment(Map<String, String> variables) {
    this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
  }

  /**
   * @return the non-blank value
   * @throws InvalidConfigurationException if unset or blank
   */
  public String required(String name) {
    String value = variables.get(name);
    if (value == null || value.isBlank()) {
      throw new InvalidConfigurationException(name, "is required but "
          + (value == null ? "not set" : "blank"));
    }
    return value.trim();
  }

  /** @return the trimmed value, or {@code defaultValue} when unset or blank */
  public String optional(String name, String defaultValue) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  /**
   * @return the integer value within [min, max], or {@code defaultValue} when unset
   * @throws InvalidConfigurationException if not an integer or out of range
   */
  public int integer(String name, int defaultValue, int min, int max) {
    String value = optional(name, null);
    if (value == null) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(name, "must be an integer, found '" + value + "'", e);
    }
    if (parsed < min || parsed > max) {
      throw new InvalidConfigurationException(name,
          "must be between " + min + " and " + max + ", found " + parsed);
    }
    return parsed;
  }

  /** @return the comma-separated values, trimmed, blanks dropped; empty when unset */
  public List<String> list(String name) {
    String value = optional(name, "");
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * @return the value, which must be one of {@code allowed}, or {@code defaultValue} when unset
   * @throws InvalidConfigurationException otherwise
   */
  public String oneOf(String name, String defaultValue, List<String> allowed) {
    String value = optional(name, defaultValue);
    if (!allowed.contains(value)) {
      throw new InvalidConfigurationException(name,
          "must be one of " + allowed + ", found '" + value + "'");
    }
    return value;
  }
}
