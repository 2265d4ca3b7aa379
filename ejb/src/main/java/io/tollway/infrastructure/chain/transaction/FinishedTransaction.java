package io.tollway.infrastructure.chain.transaction;

/**
 * The outcome of a chain transaction as it is announced to whoever waits for it.
 *
 * @param revertReason the decoded custom error when {@code state} is REVERTED, else null
 */
public record FinishedTransaction(long id, String subject, String step, ChainTransactionState state,
                                  String hash, Long blockNumber, Long gasUsed, String revertReason) {
}
