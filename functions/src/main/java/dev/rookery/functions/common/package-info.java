/**
 * What the handlers share: JSON field access that fails with {@code InvalidEventException}, the
 * environment reader, SDK client construction, deterministic names, and the ports (with their SDK
 * adapters) used by more than one step.
 */
package dev.rookery.functions.common;
