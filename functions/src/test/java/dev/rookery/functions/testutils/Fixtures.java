package dev.rookery.functions.testutils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the real event JSON kept in {@code src/test/resources/events/}. */
public final class Fixtures {
  private Fixtures() {}

  /** @return the fixture's bytes, e.g. {@code events/s3-object-created.json} */
  public static byte[] bytes(String resource) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the fixture as text */
  public static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  /** @return the fixture as a stream, as the Lambda runtime hands it over */
  public static InputStream stream(String resource) {
    return new ByteArrayInputStream(bytes(resource));
  }

  /** @return a stream over literal JSON */
  public static InputStream json(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
