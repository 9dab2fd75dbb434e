/**
 * Deploy endpoint: model, a new endpoint config with data capture, then create or (blue/green)
 * update the endpoint. Every name is derived from the model package ARN, so a retry reuses what the
 * first attempt created.
 */
package dev.rookery.functions.deploy;
