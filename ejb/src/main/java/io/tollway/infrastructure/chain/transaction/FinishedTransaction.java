package io.tollway.infrastructure.chain.transaction;

/**
 * The outcome of a chain transaction as it is announced to whoever waits for it.
 *
 * @param id            what the waiter asked for: a transaction, or a call that rode in a batch
 * @param revertReason  the decoded custom error when {@code state} is REVERTED, else null
 * @param transactionId the transaction that was sent: {@code id} itself unless the call rode in a batch
 */
public record FinishedTransaction(long id, String subject, String step, ChainTransactionState state,
                                  String hash, Long blockNumber, Long gasUsed, String revertReason, long transactionId) {
}
