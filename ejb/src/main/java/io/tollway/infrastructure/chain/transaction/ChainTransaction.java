package io.tollway.infrastructure.chain.transaction;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * One row of the outbox, as read. The hashes of all signed versions are listed because any of
 * them may be the one that gets mined.
 */
public record ChainTransaction(
        long id,
        String subject,
        String step,
        String signer,
        ContractCall call,
        ChainTransactionState state,
        Long nonce,
        BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas,
        byte[] rawTransaction,
        String hash,
        int attempts,
        Long blockNumber,
        String blockHash,
        Long gasUsed,
        String revertReason,
        String lastError,
        Instant requestedAt,
        Instant submittedAt,
        Instant finishedAt,
        Instant announcedAt,
        List<String> attemptHashes) {

    public boolean isSigned() {
        return rawTransaction != null;
    }

    public boolean reverted() {
        return revertReason != null;
    }

    @Override
    public String toString() {
        return "chain transaction " + id + " (" + call.description() + " for " + subject + "/" + step
                + ", " + state + (nonce == null ? "" : ", nonce " + nonce) + (hash == null ? "" : ", " + hash) + ")";
    }
}
