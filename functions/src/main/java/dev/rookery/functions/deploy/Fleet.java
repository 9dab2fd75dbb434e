package dev.rookery.functions.deploy;

/**
 * The instances behind the endpoint's one production variant.
 *
 * @param instanceType SageMaker instance type, e.g. {@code ml.m5.large}
 * @param instanceCount initial instance count
 */
public record Fleet(String instanceType, int instanceCount) {}
