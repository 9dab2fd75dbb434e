/**
 * Trigger on upload: checks a new dataset object from its first bytes and starts the pipeline
 * state machine once per object version, or rejects the upload on SNS.
 */
package dev.rookery.functions.trigger;
