package dev.rookery.monitor;

/** Model Monitor's {@code constraint_check_type} values. */
public enum CheckType {
  /** More than {@code datatype_check_threshold} of a column's values have another type than the baseline's. */
  DATA_TYPE_CHECK,
  /** The fraction of present values fell below the feature's {@code completeness} constraint. */
  COMPLETENESS_CHECK,
  /** The distribution distance to the baseline is above the comparison threshold. */
  BASELINE_DRIFT_CHECK,
  /** A baseline column is absent from the window. */
  MISSING_COLUMN_CHECK,
  /** The window holds a column the baseline does not know. */
  EXTRA_COLUMN_CHECK,
  /** More than {@code domain_content_threshold} of a categorical column's values are outside its domain. */
  CATEGORICAL_VALUES_CHECK;

  /** The name written in {@code constraint_violations.json}, e.g. {@code baseline_drift_check}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
