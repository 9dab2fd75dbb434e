package dev.rookery.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The endpoint being served now, written to {@code endpoint.json} in the state folder while it
 * runs so that {@code traffic} and {@code monitor} find its URL, model version and capture.
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:8080}
 * @param port the port
 * @param version the model version served
 * @param endpointName endpoint name (capture folder)
 * @param variantName variant name (capture folder)
 * @param pid the serving process
 */
public record EndpointInfo(String url, int port, int version, String endpointName, String variantName, long pid) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public EndpointInfo {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(endpointName, "endpointName");
    Objects.requireNonNull(variantName, "variantName");
  }

  /** Writes the file atomically (a reader never sees half of it). */
  public void write(Path file) {
    try {
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "endpoint-", ".json.tmp");
      try {
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CommandFailedException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads the file, if an endpoint was started from this state folder. */
  public static Optional<EndpointInfo> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), EndpointInfo.class));
    } catch (IOException e) {
      throw new CommandFailedException(
          "cannot read " + file + " (" + e.getMessage() + "): delete it, it is rewritten by `rookery serve`", e);
    }
  }
}
