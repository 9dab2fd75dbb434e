/**
 * The {@code rookery} command: the whole Rookery pipeline on one machine (preprocess, tune,
 * evaluate, gate, register, serve with capture, traffic, monitor) with a local SQLite model
 * registry, all state under one folder ({@link dev.rookery.local.StateDir}).
 */
package dev.rookery.local;
