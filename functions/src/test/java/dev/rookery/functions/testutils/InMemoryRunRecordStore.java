package dev.rookery.functions.testutils;

import dev.rookery.functions.register.RunRecordStore;
import dev.rookery.runs.RunRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link RunRecordStore} over a map of URI to JSON text, parsed and written by the real record type. */
public final class InMemoryRunRecordStore implements RunRecordStore {
  /** The stored records' JSON by URI. */
  public final Map<String, String> objects = new LinkedHashMap<>();

  @Override
  public RunRecord read(String uri) {
    String json = objects.get(uri);
    if (json == null) {
      throw new IllegalStateException("NoSuchKey: " + uri);
    }
    return RunRecord.parse(json, uri);
  }

  @Override
  public void write(String uri, RunRecord record) {
    objects.put(uri, record.toJson());
  }
}
