package dev.rookery.functions.testutils;

import dev.rookery.functions.common.ObjectReader;
import dev.rookery.functions.common.S3Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** {@link ObjectReader} over a map of objects; records the byte limits asked for. */
public final class InMemoryObjectReader implements ObjectReader {
  private record Stored(byte[] bytes, String contentType) {}

  private final Map<String, Stored> objects = new HashMap<>();
  /** Every read, as {@code uri#maxBytes}. */
  public final List<String> reads = new ArrayList<>();

  /** Stores an object. */
  public InMemoryObjectReader put(String uri, byte[] bytes, String contentType) {
    objects.put(uri, new Stored(bytes.clone(), contentType));
    return this;
  }

  @Override
  public ObjectSample readStart(S3Location location, String versionId, int maxBytes) {
    reads.add(location.uri() + "#" + maxBytes);
    Stored stored = objects.get(location.uri());
    if (stored == null) {
      throw new NoSuchElementException("no object " + location.uri());
    }
    byte[] sample = Arrays.copyOf(stored.bytes(), Math.min(maxBytes, stored.bytes().length));
    return new ObjectSample(sample, stored.contentType(), stored.bytes().length);
  }
}
