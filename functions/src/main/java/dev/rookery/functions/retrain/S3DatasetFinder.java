package dev.rookery.functions.retrain;

import dev.rookery.functions.common.S3Location;
import dev.rookery.functions.trigger.UploadEvent;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link DatasetFinder} over {@code ListObjectsV2} (every page: S3 lists in key order, not by
 * date) and {@code HeadObject} for the newest object's version id, which listings do not carry.
 * Only non-empty {@code .csv} keys count, as the trigger starts the pipeline only for CSVs.
 *
 * @param s3 the client
 */
public record S3DatasetFinder(S3Client s3) implements DatasetFinder {
  @Override
  public Optional<UploadEvent> newest(String bucket, String prefix) {
    Optional<S3Object> newest = s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
            .bucket(bucket).prefix(prefix).build())
        .contents().stream()
        .filter(o -> o.size() > 0 && o.key().toLowerCase(Locale.ROOT).endsWith(".csv"))
        .max(Comparator.comparing(S3Object::lastModified).thenComparing(S3Object::key));
    return newest.map(o -> {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(o.key()));
      return new UploadEvent(new S3Location(bucket, o.key()), head.contentLength(), head.eTag(),
          head.versionId() == null || head.versionId().equals("null") ? null : head.versionId());
    });
  }
}
