/**
 * Register model: a new model package version in the environment's group, with its inference
 * specification, metrics, drift baselines, provenance and approval status; idempotent on retry.
 */
package dev.rookery.functions.register;
