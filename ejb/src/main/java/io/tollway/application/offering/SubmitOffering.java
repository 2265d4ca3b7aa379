package io.tollway.application.offering;

import io.tollway.domain.model.offering.OfferingTerms;

/**
 * A provider's request to sell a new offering, with the terms its agreements are to be made on;
 * the kind of terms is the offering's settlement model.
 */
public record SubmitOffering(String providerId, String name, OfferingTerms terms) {
}
