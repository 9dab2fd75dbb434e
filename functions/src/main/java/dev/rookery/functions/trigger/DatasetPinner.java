package dev.rookery.functions.trigger;

import dev.rookery.functions.common.S3Location;

/**
 * Port: copies exactly one validated object version to the run's input, for uploads larger than
 * S3's CopyObject limit (5 GiB), which the pipeline's PinDataset ({@code s3:copyObject}) cannot copy.
 */
@FunctionalInterface
public interface DatasetPinner {
  /**
   * @param source the uploaded object
   * @param versionId its version, or {@code null} in an unversioned bucket
   * @param quotedEtag its ETag in S3's quoted form: the copy fails (412) if the object changed
   * @param size its size in bytes
   * @param target where the pipeline's Preprocess reads it, {@code runs/<execution>/input/dataset.csv}
   */
  void pin(S3Location source, String versionId, String quotedEtag, long size, S3Location target);
}
