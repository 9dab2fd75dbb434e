/**
 * Deploy on approval: a model package approved later in the registry starts the deploy state
 * machine, the same code path as the pipeline's own deployment.
 */
package dev.rookery.functions.approval;
