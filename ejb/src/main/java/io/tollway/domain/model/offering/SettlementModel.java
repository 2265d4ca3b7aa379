package io.tollway.domain.model.offering;

/** How an offering's agreements are paid: escrow billing by the hour, or a payment channel paid by cheques. */
public enum SettlementModel {
    ESCROW,
    CHANNEL
}
