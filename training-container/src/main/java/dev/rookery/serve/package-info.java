/**
 * The inference server of the {@code serve} mode: SageMaker's container contract ({@code GET
 * /ping}, {@code POST /invocations} on port 8080 or {@code SAGEMAKER_BIND_TO_PORT}) over the JDK's
 * HTTP server, with SageMaker-format data capture for local endpoints.
 */
package dev.rookery.serve;
