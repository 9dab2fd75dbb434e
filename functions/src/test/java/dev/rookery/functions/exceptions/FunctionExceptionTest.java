package dev.rookery.functions.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the error names the state machines match: the Java runtime reports a thrown exception's
 * fully-qualified class name as {@code errorType}, and ASL {@code ErrorEquals} lists these strings.
 */
class FunctionExceptionTest {
  /** The contract with statemachine/: change it only together with the ASL files. */
  static final List<String> ERROR_NAMES = List.of(
      "dev.rookery.functions.exceptions.EndpointBusyException",
      "dev.rookery.functions.exceptions.EndpointFailedException",
      "dev.rookery.functions.exceptions.EndpointNotUpdatableException",
      "dev.rookery.functions.exceptions.InvalidConfigurationException",
      "dev.rookery.functions.exceptions.InvalidDatasetException",
      "dev.rookery.functions.exceptions.InvalidEventException",
      "dev.rookery.functions.exceptions.InvalidMetricsFileException",
      "dev.rookery.functions.exceptions.ModelPackageNotApprovedException");

  @Test
  void errorNames_concreteExceptionsInPackage_matchThePinnedList() throws IOException, URISyntaxException {
    // given
    Path dir = Path.of(FunctionException.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("dev/rookery/functions/exceptions");

    // when
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.startsWith("package-info"))
          .map(f -> "dev.rookery.functions.exceptions." + f.substring(0, f.length() - 6))
          .map(FunctionExceptionTest::load)
          .filter(c -> !Modifier.isAbstract(c.getModifiers()))
          .map(Class::getName)
          .sorted()
          .toList();
    }

    // then
    assertThat(names).containsExactlyElementsOf(ERROR_NAMES);
  }

  @Test
  void errorNames_everyException_isARuntimeExceptionNamedException() {
    // given
    List<Class<?>> classes = ERROR_NAMES.stream().<Class<?>>map(FunctionExceptionTest::load).toList();

    // then
    assertThat(classes).allSatisfy(c -> {
      assertThat(FunctionException.class).isAssignableFrom(c);
      assertThat(RuntimeException.class).isAssignableFrom(c);
      assertThat(c.getSimpleName()).endsWith("Exception");
    });
  }

  @Test
  void invalidEventException_field_namedInMessage() {
    // when
    InvalidEventException e = new InvalidEventException("detail.object.key", "is missing");

    // then
    assertThat(e.field()).isEqualTo("detail.object.key");
    assertThat(e).hasMessage("invalid event: field 'detail.object.key' is missing");
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
