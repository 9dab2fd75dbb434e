/**
 * The pipeline settings ({@code config/pipeline.json}): one typed model, one validation, one set
 * of defaults, read by local mode, the training container, the trigger Lambda and the CDK app.
 * Entry point: {@link dev.rookery.settings.PipelineSettings}.
 */
package dev.rookery.settings;
