/**
 * Typed failures of the Lambda handlers. The Java runtime reports a thrown exception's fully-qualified
 * class name as the Lambda {@code errorType}, which is what the state machines' {@code Retry} and
 * {@code Catch} match in {@code ErrorEquals}: renaming or moving a class here breaks the ASL, and
 * {@code FunctionExceptionTest} pins the list.
 */
package dev.rookery.functions.exceptions;
