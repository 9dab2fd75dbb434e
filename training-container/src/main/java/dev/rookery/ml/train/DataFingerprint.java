package dev.rookery.ml.train;

/**
 * Identity of a data file a model saw, for provenance.
 *
 * @param file file name
 * @param sha256 hex SHA-256 of the file's bytes
 * @param rows data rows
 */
public record DataFingerprint(String file, String sha256, int rows) {}
