package dev.rookery.monitor;

import java.util.Objects;

/**
 * One entry of {@code constraint_violations.json}.
 *
 * @param featureName the feature (or, for an extra column, the unknown column) concerned
 * @param checkType the check that failed
 * @param description what was seen against what was allowed, with the numbers
 */
public record Violation(String featureName, CheckType checkType, String description) {
  public Violation {
    Objects.requireNonNull(featureName, "featureName");
    Objects.requireNonNull(checkType, "checkType");
    Objects.requireNonNull(description, "description");
  }
}
