/** Typed failures of the ML core; every message names the file, line, column, field or value at fault. */
package dev.rookery.ml.exceptions;
