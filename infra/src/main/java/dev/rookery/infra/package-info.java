/**
 * The Rookery CDK for Java app: {@link dev.rookery.infra.RookeryApp} reads the environments from
 * {@code cdk.json} context ({@link dev.rookery.infra.EnvironmentConfig}) and builds one
 * {@link dev.rookery.infra.RookeryStack} per environment, which only composes the constructs of
 * {@link dev.rookery.infra.constructs}.
 */
package dev.rookery.infra;
