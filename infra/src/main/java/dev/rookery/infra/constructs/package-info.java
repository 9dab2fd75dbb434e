/**
 * Rookery's CDK constructs, one architectural concern each. Every construct takes a props record
 * (validated in its compact constructor), creates only its own resources, exposes each of them
 * through a getter, and carries the cdk-nag suppressions its own resources need, each narrow
 * (resource, finding and, for IAM5, the exact wildcard) and with a reason.
 */
package dev.rookery.infra.constructs;
