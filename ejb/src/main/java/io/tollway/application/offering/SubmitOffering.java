package io.tollway.application.offering;

import io.tollway.domain.model.offering.SettlementModel;

/** A provider's request to sell a new offering. */
public record SubmitOffering(String providerId, String name, SettlementModel settlementModel) {
}
