package io.tollway.infrastructure.chain.transaction;

import java.time.Instant;

/**
 * A step whose call rides in a batch transaction.
 *
 * @param transactionId the batch transaction that carries it; null while it waits for one
 */
record BatchMember(long id, String subject, String step, String signer, String batchKey, ContractCall call,
                   Instant requestedAt, Long transactionId) {
}
