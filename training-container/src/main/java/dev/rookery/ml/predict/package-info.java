/** The prediction port: raw records in, labels and class probabilities out. */
package dev.rookery.ml.predict;
