/**
 * The offering aggregate: what a provider sells, how its agreements settle and on which terms
 * ({@link io.tollway.domain.model.offering.OfferingTerms}), with the review that decides whether
 * consumers may request it.
 */
package io.tollway.domain.model.offering;
