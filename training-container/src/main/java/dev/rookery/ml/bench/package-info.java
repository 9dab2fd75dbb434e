/** Benchmark support: a generator of large penguins-like datasets. */
package dev.rookery.ml.bench;
