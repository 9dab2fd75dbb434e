/**
 * Rookery's Lambda functions: one package per handler ({@code trigger}, {@code register},
 * {@code deploy}, {@code approval}, {@code metrics}), shared plumbing in {@code common}, error types
 * in {@code exceptions}; {@link dev.rookery.functions.LocalInvoke} runs a handler outside Lambda.
 */
package dev.rookery.functions;
