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
 */
public record CaptureConfig(int samplingPercent, Path destination) {
  public CaptureConfig {
    Objects.requireNonNull(destination, "destination");
    if (samplingPercent < 0 || samplingPercent > 100) {
      throw new IllegalArgumentException("samplingPercent must be between 0 and 100, found " + samplingPercent);
    }
  }
}
