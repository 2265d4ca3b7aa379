package io.tollway.application.console;

import java.time.Instant;

/** One agreement in the console's list. */
public record AgreementRow(String id, String offeringId, String offeringName, String providerId, String consumerId,
                           String consumerAddress, String settlementModel, String status, String terminationCause,
                           String onChainId, Instant requestedAt) {
}
