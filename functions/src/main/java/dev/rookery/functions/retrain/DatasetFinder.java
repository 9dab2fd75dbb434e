package dev.rookery.functions.retrain;

import dev.rookery.functions.trigger.UploadEvent;
import java.util.Optional;

/** Port: finds the newest dataset uploaded under a prefix. */
public interface DatasetFinder {
  /**
   * @param bucket the data bucket
   * @param prefix the uploads' key prefix
   * @return the newest CSV object's current version (as the trigger saw its upload), if any
   */
  Optional<UploadEvent> newest(String bucket, String prefix);
}
