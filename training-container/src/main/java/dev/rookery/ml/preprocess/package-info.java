/**
 * Preprocessing: stratified seeded splits, the fitted feature transformer ({@code transformer.json})
 * and the {@code preprocess} step that writes them.
 */
package dev.rookery.ml.preprocess;
