/**
 * Glue between the {@code offeringReview} BPMN process and the application: its typed variables,
 * its delegates (one application call each) and the handle that starts it and decides its task.
 */
package io.tollway.process.offeringreview;
