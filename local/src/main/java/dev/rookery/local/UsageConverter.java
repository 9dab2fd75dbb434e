package dev.rookery.local;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option value read by a parser that throws {@link IllegalArgumentException} with a message
 * naming the value: picocli reports that message as a usage error (exit 2), one rule for every
 * such option.
 *
 * @param <T> the option's type
 */
abstract class UsageConverter<T> implements ITypeConverter<T> {
  private final Function<String, T> parser;

  /** @param parser reads one value, throwing {@link IllegalArgumentException} on a bad one */
  UsageConverter(Function<String, T> parser) {
    this.parser = parser;
  }

  @Override
  public T convert(String value) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
