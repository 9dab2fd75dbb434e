/** Pipeline settings ({@code config/pipeline.json}), read by local mode and the container. */
package dev.rookery.ml.config;
