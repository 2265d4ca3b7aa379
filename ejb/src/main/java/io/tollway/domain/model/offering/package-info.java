/**
 * The offering aggregate: what a provider sells and how its agreements settle, with the review
 * that decides whether consumers may request it.
 */
package io.tollway.domain.model.offering;
