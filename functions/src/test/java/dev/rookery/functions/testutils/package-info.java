/** Test helpers: in-memory fakes of our ports, a recording local AWS endpoint, fixture loading. */
package dev.rookery.functions.testutils;
