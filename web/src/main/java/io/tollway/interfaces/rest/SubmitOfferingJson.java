package io.tollway.interfaces.rest;

import io.tollway.application.offering.SubmitOffering;
import io.tollway.domain.model.offering.SettlementModel;

import java.util.Arrays;
import java.util.Locale;

/** The body of a provider's new offering. */
public record SubmitOfferingJson(String providerId, String name, String settlementModel) {

    SubmitOffering toCommand() {
        if (settlementModel == null) {
            throw new IllegalArgumentException("settlementModel is required: one of " + Arrays.toString(SettlementModel.values()));
        }
        try {
            return new SubmitOffering(providerId, name, SettlementModel.valueOf(settlementModel.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("settlementModel must be one of " + Arrays.toString(SettlementModel.values()));
        }
    }
}
