/**
 * Build-time checks of the Rookery state machines (Amazon States Language files in the module
 * root): structure of a definition ({@link dev.rookery.statemachine.AslDefinition}) and the shape of
 * every SageMaker task's {@code Parameters} against the AWS SDK for Java v2 request models
 * ({@link dev.rookery.statemachine.SdkRequestShapeValidator}).
 */
package dev.rookery.statemachine;
