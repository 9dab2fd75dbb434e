/** The dataset schema (target, typed raw features, classes) shared by every Rookery step. */
package dev.rookery.ml.schema;
