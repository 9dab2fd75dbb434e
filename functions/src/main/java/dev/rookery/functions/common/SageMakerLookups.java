package dev.rookery.functions.common;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Describe calls that treat "no such resource" as an empty answer. SageMaker's Describe* APIs
 * answer a missing model, endpoint, endpoint config or model package group with a plain
 * ValidationException ("Could not find ...", "... does not exist"), not with the modelled
 * {@link ResourceNotFoundException}, so both are recognised here, once, for every adapter.
 */
public final class SageMakerLookups {
  private SageMakerLookups() {}

  /**
   * Runs a Describe* call.
   *
   * @return its answer, or empty when SageMaker says the resource does not exist
   * @throws SageMakerException for every other SageMaker error
   */
  public static <T> Optional<T> describe(Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SageMakerException e) {
      if (isMissing(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Runs a Describe* call to learn whether the resource exists.
   *
   * @return whether SageMaker described it
   * @throws SageMakerException for every error other than "does not exist"
   */
  public static boolean exists(Supplier<?> call) {
    return describe(call).isPresent();
  }

  /** Whether the error is SageMaker's ValidationException for a resource that does not exist. */
  static boolean isMissing(SageMakerException e) {
    String text = message(e);
    return text.contains("could not find") || text.contains("does not exist");
  }

  /**
   * The error's message from SageMaker, lower-cased: SageMaker reports several conditions (missing,
   * already existing, in progress) only as message text on a ValidationException.
   */
  public static String message(SageMakerException e) {
    String text = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
        ? e.awsErrorDetails().errorMessage()
        : String.valueOf(e.getMessage());
    return text.toLowerCase(Locale.ROOT);
  }
}
