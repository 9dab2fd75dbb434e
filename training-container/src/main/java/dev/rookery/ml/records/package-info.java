/**
 * Decoding of inference request bodies ({@code text/csv}, {@code application/json},
 * {@code application/jsonlines}) into raw records in schema feature order: shared by the inference
 * server and the drift monitor, so both read captured traffic exactly as the endpoint did.
 */
package dev.rookery.ml.records;
