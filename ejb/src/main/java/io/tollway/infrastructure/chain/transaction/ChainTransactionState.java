package io.tollway.infrastructure.chain.transaction;

/**
 * Where a chain transaction is in its life. PREPARED rows may already be signed (then the raw
 * bytes are what gets sent, again and again if need be); DROPPED rows are signed anew with the
 * same nonce and a higher fee and go back to PREPARED.
 */
public enum ChainTransactionState {
    PREPARED,
    SUBMITTED,
    MINED,
    CONFIRMED,
    REVERTED,
    DROPPED;

    public boolean isFinal() {
        return this == CONFIRMED || this == REVERTED;
    }
}
