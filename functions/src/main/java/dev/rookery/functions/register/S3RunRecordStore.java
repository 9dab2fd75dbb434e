package dev.rookery.functions.register;

import dev.rookery.functions.common.S3Location;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.runs.RunRecord;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link RunRecordStore} over S3 {@code GetObject} / {@code PutObject}.
 *
 * @param s3 the client
 */
public record S3RunRecordStore(S3Client s3) implements RunRecordStore {
  @Override
  public RunRecord read(String uri) {
    S3Location at = S3Location.parse(uri);
    String json = s3.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.key())).asString(StandardCharsets.UTF_8);
    try {
      return RunRecord.parse(json, uri);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException("run.uri", e.getMessage());
    }
  }

  @Override
  public void write(String uri, RunRecord record) {
    S3Location at = S3Location.parse(uri);
    s3.putObject(b -> b.bucket(at.bucket()).key(at.key()).contentType("application/json"),
        RequestBody.fromString(record.toJson(), StandardCharsets.UTF_8));
  }
}
