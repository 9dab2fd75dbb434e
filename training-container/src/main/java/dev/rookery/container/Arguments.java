package dev.rookery.container;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of a mode; an unknown name or a missing value is a usage error. */
final class Arguments {
  private final Map<String, String> values;

  private Arguments(Map<String, String> values) {
    this.values = values;
  }

  /** Thrown for a usage error (exit code 2). */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static Arguments parse(String[] args, Set<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || !allowed.contains(a.substring(2))) {
        throw new UsageException("unknown option '" + a + "'; options: --" + String.join(", --", allowed));
      }
      if (i + 1 >= args.length) {
        throw new UsageException("option '" + a + "' needs a value");
      }
      values.put(a.substring(2), args[++i]);
    }
    return new Arguments(values);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }
}
