package dev.rookery.functions.trigger;

import dev.rookery.functions.common.S3Location;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * {@link DatasetPinner} by S3 multipart copy: CreateMultipartUpload, one UploadPartCopy per byte
 * range of the source version (each with {@code x-amz-copy-source-if-match}, so every part comes
 * from the same content), then CompleteMultipartUpload; any failure aborts the upload, so no
 * half-copied dataset stays behind. The copy runs inside S3: the function moves no data.
 *
 * @param s3 the client
 */
public record S3MultipartPinner(S3Client s3) implements DatasetPinner {
  /** 512 MiB parts: a 50 GiB upload is 100 parts, copied {@value #PARALLEL_PARTS} at a time. */
  static final long DEFAULT_PART_BYTES = 512L * 1024 * 1024;
  /** S3's limit on the parts of one upload. */
  static final int MAX_PARTS = 10_000;
  /** Part copies in flight at once. */
  static final int PARALLEL_PARTS = 8;

  /** The part size: 512 MiB, or larger when the object would need more than 10,000 parts. */
  static long partBytes(long size) {
    return Math.max(DEFAULT_PART_BYTES, (size + MAX_PARTS - 1) / MAX_PARTS);
  }

  @Override
  public void pin(S3Location source, String versionId, String quotedEtag, long size, S3Location target) {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(target.bucket()).key(target.key())
        .contentType("text/csv")).uploadId();
    try {
      List<CompletedPart> parts = copyParts(source, versionId, quotedEtag, size, target, uploadId);
      s3.completeMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
      throw e;
    }
  }

  private List<CompletedPart> copyParts(S3Location source, String versionId, String quotedEtag,
      long size, S3Location target, String uploadId) {
    long partBytes = partBytes(size);
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PARTS);
    try {
      List<Future<CompletedPart>> futures = new ArrayList<>();
      int partNumber = 1;
      for (long first = 0; first < size; first += partBytes, partNumber++) {
        long last = Math.min(first + partBytes, size) - 1;
        int number = partNumber;
        String range = "bytes=" + first + "-" + last;
        futures.add(pool.submit(() -> {
          String etag = s3.uploadPartCopy(b -> b.sourceBucket(source.bucket()).sourceKey(source.key())
              .sourceVersionId(versionId).copySourceIfMatch(quotedEtag).copySourceRange(range)
              .destinationBucket(target.bucket()).destinationKey(target.key())
              .uploadId(uploadId).partNumber(number)).copyPartResult().eTag();
          return CompletedPart.builder().partNumber(number).eTag(etag).build();
        }));
      }
      List<CompletedPart> parts = new ArrayList<>();
      for (Future<CompletedPart> future : futures) {
        parts.add(future.get());
      }
      return parts;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while copying " + source.uri(), e);
    } finally {
      pool.shutdownNow();
    }
  }
}
