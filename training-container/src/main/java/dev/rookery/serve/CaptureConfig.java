package dev.rookery.serve;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Data capture of a local endpoint, written as SageMaker writes it: JSON Lines under {@code
 * <destination>/<endpoint>/<variant>/yyyy/mm/dd/hh/}.
 *
 * @param samplingPercent share of successful requests captured, 0 to 100 (SageMaker's {@code
 *     InitialSamplingPercentage}); decided per request
 * @param destination root folder of the capture files (SageMaker's {@code DestinationS3Uri})
 * @param maxFileBytes a capture file is closed, and the next one started, once it holds this many
 *     bytes (and at every UTC hour): closed files are complete, see DataCapture
 */
public record CaptureConfig(int samplingPercent, Path destination, long maxFileBytes) {

  /** Default {@link #maxFileBytes}: 64 MiB, about 90,000 penguin records. */
  public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

  public CaptureConfig {
    Objects.requireNonNull(destination, "destination");
    if (samplingPercent < 0 || samplingPercent > 100) {
      throw new IllegalArgumentException("samplingPercent must be between 0 and 100, found " + samplingPercent);
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be at least 1, found " + maxFileBytes);
    }
  }

  /** Files of {@link #DEFAULT_MAX_FILE_BYTES}. */
  public CaptureConfig(int samplingPercent, Path destination) {
    this(samplingPercent, destination, DEFAULT_MAX_FILE_BYTES);
  }
}
