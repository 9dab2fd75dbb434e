package dev.rookery.ml.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Model Monitor's names for the enum values of its JSON files ({@code inferred_type},
 * {@code comparison_method}): the constant's name in title case, {@code FRACTIONAL} is
 * {@code Fractional}. One rule for every such enum, and one message naming the allowed names.
 */
final class WireNames {
  private WireNames() {}

  /** @return the value's name in the JSON files */
  static String of(Enum<?> value) {
    String name = value.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  /**
   * @param type the enum
   * @param field the JSON field, for the message
   * @param name the name read
   * @return the value so named
   * @throws IllegalArgumentException naming the field, the allowed names and the value
   */
  static <E extends Enum<E>> E parse(Class<E> type, String field, String name) {
    E[] values = type.getEnumConstants();
    for (E value : values) {
      if (of(value).equals(name)) {
        return value;
      }
    }
    List<String> names = Arrays.stream(values).map(WireNames::of).toList();
    String allowed = String.join(", ", names.subList(0, names.size() - 1)) + " or "
        + names.get(names.size() - 1);
    throw new IllegalArgumentException(field + " must be " + allowed + ", found '" + name + "'");
  }
}
