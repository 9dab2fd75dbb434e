package dev.rookery.functions.testutils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.JsonHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the real event JSON kept in {@code src/test/resources/events/}. */
public final class Fixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /** @return JSON text as a Jackson tree, for assertions on what the handlers wrote */
  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** @return JSON text as the production code's plain values */
  public static Object value(String json) {
    try {
      return Json.parse(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

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

  /**
   * Runs a handler once, as the Lambda runtime does (no context).
   *
   * @return the result it wrote, as a Jackson tree
   */
  public static JsonNode invoke(JsonHandler<?> handler, InputStream event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(event, out, null);
    return tree(out.toString(StandardCharsets.UTF_8));
  }
}
