/** The container's entry point and its modes, thin adapters over the ML core's library API. */
package dev.rookery.container;
