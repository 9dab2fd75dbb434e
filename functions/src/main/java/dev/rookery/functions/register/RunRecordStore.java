package dev.rookery.functions.register;

import dev.rookery.runs.RunRecord;

/** Port: the run records ({@code runs/<execution>/run.json}) in the artefacts bucket. */
public interface RunRecordStore {
  /**
   * @param uri {@code s3://bucket/runs/<execution>/run.json}
   * @return the record there
   * @throws dev.rookery.functions.exceptions.InvalidEventException when it is not a run record
   */
  RunRecord read(String uri);

  /** Replaces the record at {@code uri}. */
  void write(String uri, RunRecord record);
}
