package io.tollway.application.chain;

import io.tollway.infrastructure.chain.transaction.ChainTransaction;

import java.time.Instant;

/** A chain transaction as the API and the console show it: what, for whom, and how far it got. */
public record ChainTransactionView(long id, String subject, String step, String signer, String description, String to,
                                   String state, Long nonce, String hash, int attempts, Long blockNumber, Long gasUsed,
                                   String revertReason, String lastError, Instant requestedAt, Instant submittedAt,
                                   Instant finishedAt) {

    static ChainTransactionView of(ChainTransaction t) {
        return new ChainTransactionView(t.id(), t.subject(), t.step(), t.signer(), t.call().description(), t.call().to(),
                t.state().name(), t.nonce(), t.hash(), t.attempts(), t.blockNumber(), t.gasUsed(), t.revertReason(),
                t.lastError(), t.requestedAt(), t.submittedAt(), t.finishedAt());
    }
}
