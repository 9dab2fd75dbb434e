/**
 * Failure notification: an execution of a Rookery state machine that ended FAILED, TIMED_OUT or
 * ABORTED without its own failure path e-mailing it is reported on SNS, with the error and cause
 * read from {@code DescribeExecution} (the status change event need not carry them).
 */
package dev.rookery.functions.failure;
