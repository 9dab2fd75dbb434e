package dev.rookery.functions.deploy;

/**
 * The endpoint's data capture.
 *
 * @param percent {@code InitialSamplingPercentage}, 0-100; capture is enabled when above 0
 * @param s3Uri {@code DestinationS3Uri}
 */
public record DataCapture(int percent, String s3Uri) {}
