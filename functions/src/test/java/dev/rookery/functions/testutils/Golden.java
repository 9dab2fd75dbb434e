package dev.rookery.functions.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files shared with the Node tests of the state machines
 * ({@code statemachine/test/fixtures/}): what our Java code really produces, compared
 * byte-for-byte, so the hand-written inputs of the ASL scenarios cannot drift from it.
 *
 * <p>To regenerate after an intended change: {@code ROOKERY_REGENERATE_GOLDEN=1 ./mvnw -B -q -o
 * -pl functions -am verify -Dtest='TriggerServiceTest,RegisterServiceTest'
 * -Dsurefire.failIfNoSpecifiedTests=false}, then review the diff and run the Node tests.
 */
public final class Golden {
  /** {@code statemachine/test/fixtures}, from the functions module's directory. */
  public static final Path FIXTURES = Path.of("..", "statemachine", "test", "fixtures");

  private Golden() {}

  /**
   * Asserts that {@code file} holds exactly {@code actual} (UTF-8, plus a final newline), or
   * writes it when {@code ROOKERY_REGENERATE_GOLDEN=1}.
   *
   * @param file the golden file, e.g. {@code FIXTURES.resolve("pipeline-input.json")}
   * @param actual what the code produced
   */
  public static void check(Path file, String actual) {
    String expected = actual + "\n";
    try {
      if ("1".equals(System.getenv("ROOKERY_REGENERATE_GOLDEN"))) {
        Files.writeString(file, expected, StandardCharsets.UTF_8);
        return;
      }
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as("%s differs from what the code produces; if the change is intended, regenerate it"
              + " (ROOKERY_REGENERATE_GOLDEN=1, see Golden) and run the Node tests", file)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
